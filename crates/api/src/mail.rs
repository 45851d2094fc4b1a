//! The mails the agency's service sends to a municipality's Funktionspostfach, and how
//! they leave the house.
//!
//! Mails are queued in the database's outbox in the same transaction as the submission
//! or status change that causes them (see [`crate::storage::Storage::submit`]). The
//! [`Mailer`] takes due mails from the outbox, writes them from the request as it is at
//! that moment, and delivers them: over SMTP when `--smtp-url` is set, otherwise as
//! `.eml` files in `data/outbox/`, so that a local run works and can be inspected.
//! A mail that fails is retried with growing pauses; a crash between delivery and
//! marking it sent delivers it again, under the same Message-ID.
//!
//! Several instances on one PostgreSQL database share the outbox: each round claims its
//! mails for a lease (see [`crate::storage::Storage::due_mails`]), and the sender
//! finishes every delivery, or gives it up, well within that lease, so two instances
//! never send the same mail at the same time.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use time::OffsetDateTime;
use tokio::sync::Notify;

use crate::storage::{Delivery, MailKind, MailRequest, PendingMail, Storage};
use crate::timeutil;
use crate::token::TokenKey;
use efa_domain::status::Status;

/// Folder in the data directory for mails when no SMTP server is configured.
pub const OUTBOX_DIR: &str = "outbox";
/// Mails taken from the outbox per round.
const BATCH: u32 = 20;
/// How often the outbox is looked at when nothing wakes the sender.
const POLL: Duration = Duration::from_secs(5);
/// Longest pause between two attempts of one mail.
const MAX_BACKOFF_SECS: i64 = 3600;
/// The default time a claimed mail is reserved for the instance that claimed it.
pub const DEFAULT_LEASE_SECS: u64 = 60;

/// A mail, ready to be formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Stable per outbox entry, so a mail sent twice after a crash is recognisably one.
    pub message_id: String,
}

/// What the texts need besides the request.
#[derive(Debug, Clone)]
pub struct LetterContext {
    /// Where the app is reachable for the municipality, without trailing slash.
    pub public_base_url: String,
    /// Days an unconfirmed request is kept.
    pub unconfirmed_days: u32,
}

fn summary(r: &MailRequest) -> String {
    let names: Vec<&str> = r.services.iter().map(|s| s.name.as_str()).collect();
    let count = match names.len() {
        1 => "1 EfA-Leistung".to_owned(),
        n => format!("{n} EfA-Leistungen"),
    };
    let mut listed = names.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    if names.len() > 3 {
        listed.push_str(", …");
    }
    format!(
        "Anschlussantrag von {} für {count} ({listed})",
        r.municipality_name
    )
}

fn host_of(base: &str) -> &str {
    let rest = base.split("://").nth(1).unwrap_or(base);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    if host.is_empty() { "localhost" } else { host }
}

/// The confirmation mail: reference, one line of summary, the link with the code and
/// the deadline after which an unconfirmed request is deleted.
pub fn confirmation_letter(
    seq: i64,
    request_id: &str,
    r: &MailRequest,
    code: &str,
    ctx: &LetterContext,
) -> Letter {
    let base = &ctx.public_base_url;
    let received = timeutil::parse_utc(&r.received_at);
    let deadline = received.map_or_else(
        || format!("{} Tage nach Eingang", ctx.unconfirmed_days),
        |t| timeutil::format_berlin(t + time::Duration::days(i64::from(ctx.unconfirmed_days))),
    );
    let received_text = received.map_or_else(|| r.received_at.clone(), timeutil::format_berlin);
    let body = format!(
        "Guten Tag,\n\
         \n\
         bei der zuständigen Stelle ist ein Anschlussantrag eingegangen, der diese\n\
         Adresse als Funktionspostfach nennt:\n\
         \n\
         {summary}\n\
         Aktenzeichen: {reference}\n\
         Eingegangen: {received_text}\n\
         \n\
         Bitte bestätigen Sie, dass dieser Antrag von Ihrer Verwaltung stammt. Öffnen Sie\n\
         dazu diesen Link und wählen Sie „Anfrage bestätigen“:\n\
         \n\
         {base}/bestaetigen/{request_id}#code={code}\n\
         \n\
         Erst nach der Bestätigung wird der Antrag bearbeitet. Ohne Bestätigung wird er\n\
         am {deadline} mit allen Angaben gelöscht.\n\
         \n\
         Haben Sie oder Ihre Kolleginnen und Kollegen diesen Antrag nicht gestellt, müssen\n\
         Sie nichts tun: Er wird dann zu diesem Zeitpunkt gelöscht.\n\
         \n\
         Diese Nachricht wurde automatisch erstellt.\n",
        summary = summary(r),
        reference = r.reference,
    );
    Letter {
        to: r.mail_to.clone(),
        subject: format!("Bitte bestätigen: Anschlussantrag {}", r.reference),
        body,
        message_id: format!("<outbox-{seq}.{request_id}@{}>", host_of(base)),
    }
}

/// The mail about a status change: the new status, the agency's note and the address
/// of the status page (without the status token, which only the municipality holds).
pub fn status_letter(
    seq: i64,
    request_id: &str,
    r: &MailRequest,
    ctx: &LetterContext,
) -> Option<Letter> {
    let change = r.change.as_ref()?;
    let base = &ctx.public_base_url;
    let label = change.status.label(efa_domain::messages::Lang::De);
    let note = change
        .note
        .as_deref()
        .map_or_else(String::new, |n| format!("\nHinweis der Stelle:\n\n{n}\n"));
    let next = match change.status {
        Status::Rueckfrage => {
            "\nBitte beantworten Sie die Rückfrage auf der Statusseite: mit einer Antwort oder,\n\
             wenn Angaben fehlen, mit einer ergänzten Fassung des Antrags. Der Antrag ruht bis dahin.\n"
        }
        _ => "",
    };
    let body = format!(
        "Guten Tag,\n\
         \n\
         der Status Ihres Anschlussantrags hat sich geändert.\n\
         \n\
         {summary}\n\
         Aktenzeichen: {reference}\n\
         Neuer Status: {label}\n\
         Geändert: {at}\n\
         {note}{next}\n\
         Den ganzen Verlauf sehen Sie auf der Statusseite. Öffnen Sie dazu den Status-Link,\n\
         den Sie nach dem Absenden erhalten und gespeichert haben; er endet auf\n\
         /status/{request_id}#token=… . Ohne diesen Schlüssel zeigt die Seite\n\
         {base}/status/{request_id}\n\
         nichts an, damit niemand sonst Ihren Antrag lesen kann.\n\
         \n\
         Diese Nachricht wurde automatisch erstellt.\n",
        summary = summary(r),
        reference = r.reference,
        at = timeutil::parse_utc(&change.at)
            .map_or_else(|| change.at.clone(), timeutil::format_berlin),
    );
    Some(Letter {
        to: r.mail_to.clone(),
        subject: format!("Anschlussantrag {}: {label}", r.reference),
        body,
        message_id: format!("<outbox-{seq}.{request_id}@{}>", host_of(base)),
    })
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail address {0:?} cannot be used")]
    Address(String),
    #[error("mail could not be built: {0}")]
    Build(String),
    #[error("SMTP: {0}")]
    Smtp(String),
    #[error("outbox folder {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Formats a letter as an RFC 5322 message. The text is UTF-8 sent as 8bit (every SMTP
/// server in use announces 8BITMIME), so the link in it stays one readable line.
pub fn format(letter: &Letter, from: &Mailbox) -> Result<Message, MailError> {
    let to: Mailbox = letter
        .to
        .parse()
        .map_err(|_| MailError::Address(letter.to.clone()))?;
    // 8bit (RFC 6152) allows lines up to 998 bytes; the link line is longer than the
    // 76 characters below which the encoder would choose 8bit by itself, and quoted-
    // printable would break it with soft line breaks. A text with a longer line (none
    // of ours has one) falls back to the encoder's choice.
    let text = letter.body.replace("\r\n", "\n").replace('\n', "\r\n");
    let body = if text.split("\r\n").all(|l| l.len() < 998) && !text.contains('\0') {
        Body::dangerous_pre_encoded(text.into_bytes(), ContentTransferEncoding::EightBit)
    } else {
        Body::new(text)
    };
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(letter.subject.clone())
        .message_id(Some(letter.message_id.clone()))
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(body),
        )
        .map_err(|e| MailError::Build(e.to_string()))
}

/// Where mails go.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in this folder.
    Files(PathBuf),
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Smtp(_) => f.write_str("Transport::Smtp"),
            Transport::Files(p) => write!(f, "Transport::Files({})", p.display()),
        }
    }
}

impl Transport {
    /// SMTP from a URL such as `smtp://relay.example:25`, `smtp://relay?tls=required`
    /// (STARTTLS) or `smtps://user:password@relay:465`; without one, the outbox folder.
    pub fn new(smtp_url: Option<&str>, data_dir: &Path) -> Result<Transport, MailError> {
        match smtp_url {
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|b| Transport::Smtp(b.timeout(Some(Duration::from_secs(30))).build()))
                .map_err(|e| MailError::Smtp(e.to_string())),
            None => Ok(Transport::Files(data_dir.join(OUTBOX_DIR))),
        }
    }

    async fn deliver(&self, message: &Message, name: &str) -> Result<(), MailError> {
        match self {
            Transport::Smtp(smtp) => smtp
                .send(message.clone())
                .await
                .map(|_| ())
                .map_err(|e| MailError::Smtp(e.to_string())),
            Transport::Files(dir) => {
                let bytes = message.formatted();
                let dir = dir.clone();
                let name = name.to_owned();
                tokio::task::spawn_blocking(move || write_file(&dir, &name, &bytes))
                    .await
                    .map_err(|e| MailError::Build(e.to_string()))?
            }
        }
    }
}

/// Writes one mail atomically (temporary file, sync, rename), readable by the service
/// user only: it holds addresses and a confirmation link.
fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), MailError> {
    use std::io::Write;
    let io = |source| MailError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(io)?;
    let tmp = dir.join(format!(".{name}.tmp"));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(&tmp).map_err(io)?;
    f.write_all(bytes).map_err(io)?;
    f.sync_all().map_err(io)?;
    std::fs::rename(&tmp, dir.join(name)).map_err(io)
}

/// Takes due mails from the outbox and delivers them, until the server stops.
#[derive(Debug, Clone)]
pub struct Mailer {
    pub storage: Arc<dyn Storage>,
    pub transport: Transport,
    pub from: Mailbox,
    pub key: TokenKey,
    pub context: LetterContext,
    /// Woken after every commit that queued a mail, so it goes out at once.
    pub wake: Arc<Notify>,
    /// How long a round's mails stay claimed for this sender.
    pub lease: Duration,
}

/// Pause before attempt `attempts + 1`: 30 s, doubling, at most an hour.
fn backoff(attempts: u32) -> time::Duration {
    let secs = 30i64.saturating_mul(1i64 << attempts.min(10));
    time::Duration::seconds(secs.min(MAX_BACKOFF_SECS))
}

impl Mailer {
    fn letter(&self, mail: &PendingMail) -> Option<Letter> {
        let r = mail.request.as_ref()?;
        match mail.kind {
            MailKind::Confirmation => Some(confirmation_letter(
                mail.seq,
                &mail.request_id,
                r,
                &self.key.confirmation_code(&mail.request_id),
                &self.context,
            )),
            MailKind::StatusChange => status_letter(mail.seq, &mail.request_id, r, &self.context),
        }
    }

    /// The part of the lease kept free for recording an outcome after the delivery.
    fn margin(&self) -> Duration {
        (self.lease / 4).max(Duration::from_secs(2))
    }

    /// One round: every due mail delivered or rescheduled. Returns how many were taken.
    pub async fn round(&self, now: OffsetDateTime) -> usize {
        let now_text = timeutil::format_utc(now);
        // Measured from before the claim, so this sender's deadline always falls before
        // the end of the lease that the database counts from the claim on.
        let claimed_at = std::time::Instant::now();
        let due = match self.storage.due_mails(&now_text, BATCH, self.lease).await {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(error = %e, "mail outbox not readable");
                return 0;
            }
        };
        let taken = due.len();
        for mail in due {
            let left = self
                .lease
                .saturating_sub(claimed_at.elapsed())
                .saturating_sub(self.margin());
            if left.is_zero() {
                // The rest of the round stays claimed until the lease runs out and is
                // then taken again, here or by another instance; sending it now could
                // overlap with that.
                tracing::warn!(
                    seq = mail.seq,
                    "mail lease nearly over, leaving the rest for the next round"
                );
                break;
            }
            let delivery = match self.letter(&mail) {
                None => Delivery::Dropped,
                Some(letter) => {
                    let name = format!("{}-{:06}.eml", now.unix_timestamp(), mail.seq);
                    let sent = match format(&letter, &self.from) {
                        Ok(message) => {
                            match tokio::time::timeout(
                                left,
                                self.transport.deliver(&message, &name),
                            )
                            .await
                            {
                                Ok(result) => result,
                                Err(_) => Err(MailError::Smtp(
                                    "delivery took longer than the mail lease allows".to_owned(),
                                )),
                            }
                        }
                        Err(e) => Err(e),
                    };
                    match sent {
                        Ok(()) => Delivery::Sent,
                        Err(MailError::Address(_)) => Delivery::Dropped,
                        Err(e) => {
                            tracing::warn!(error = %e, seq = mail.seq, attempts = mail.attempts + 1, "mail not delivered, will retry");
                            Delivery::Failed {
                                error: e.to_string(),
                                retry_at: timeutil::format_utc(now + backoff(mail.attempts)),
                            }
                        }
                    }
                }
            };
            if matches!(delivery, Delivery::Sent) {
                tracing::info!(seq = mail.seq, kind = mail.kind.as_str(), "mail delivered");
            }
            match self
                .storage
                .mail_done(
                    mail.seq,
                    mail.claim.clone(),
                    delivery,
                    &timeutil::format_utc(timeutil::now()),
                )
                .await
            {
                Ok(true) => {}
                Ok(false) => {
                    tracing::warn!(
                        seq = mail.seq,
                        "mail claim lost before its outcome was recorded"
                    );
                }
                Err(e) => tracing::warn!(error = %e, seq = mail.seq, "mail outcome not recorded"),
            }
        }
        taken
    }

    /// Runs rounds until `stop` resolves: at once when woken, otherwise every few seconds.
    pub async fn run(self, mut stop: tokio::sync::watch::Receiver<bool>) {
        loop {
            let taken = self.round(timeutil::now()).await;
            if taken as u32 == BATCH {
                continue;
            }
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(POLL) => {}
                _ = stop.wait_for(|s| *s) => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{HistoryEntry, ServiceRef};

    fn request() -> MailRequest {
        MailRequest {
            reference: "BY-2026-000007".into(),
            municipality_name: "Markt Au i.d.Hallertau".into(),
            land_iso: "BY".into(),
            services: vec![
                ServiceRef {
                    id: "a".into(),
                    name: "Wohngeld".into(),
                },
                ServiceRef {
                    id: "b".into(),
                    name: "Elterngeld".into(),
                },
            ],
            mail_to: "poststelle@au.de".into(),
            received_at: "2026-12-01T09:00:00.000000Z".into(),
            change: None,
        }
    }

    fn ctx() -> LetterContext {
        LetterContext {
            public_base_url: "https://onboarding.example.de".into(),
            unconfirmed_days: 14,
        }
    }

    #[test]
    fn the_confirmation_mail_has_reference_summary_link_and_deadline() {
        let l = confirmation_letter(3, "4f0b", &request(), "c0de", &ctx());
        assert_eq!(l.to, "poststelle@au.de");
        assert!(l.subject.contains("BY-2026-000007"));
        assert!(l.body.contains(
            "Anschlussantrag von Markt Au i.d.Hallertau für 2 EfA-Leistungen (Wohngeld, Elterngeld)"
        ));
        assert!(
            l.body
                .contains("\nhttps://onboarding.example.de/bestaetigen/4f0b#code=c0de\n")
        );
        // 14 days after 10:00 Berlin time (CET) on 1 December.
        assert!(
            l.body
                .contains("am 15.12.2026, 10:00 Uhr mit allen Angaben gelöscht"),
            "{}",
            l.body
        );
        assert_eq!(l.message_id, "<outbox-3.4f0b@onboarding.example.de>");
        let msg = format(&l, &"EfA <noreply@example.de>".parse().unwrap()).unwrap();
        let text = String::from_utf8(msg.formatted()).unwrap();
        assert!(text.contains("Content-Transfer-Encoding: 8bit"), "{text}");
        assert!(text.contains("#code=c0de"));
    }

    #[test]
    fn the_status_mail_has_status_note_and_a_link_without_token() {
        let mut r = request();
        r.change = Some(HistoryEntry {
            status: Status::Rueckfrage,
            note: Some("Bitte den DVDV-Eintrag nachreichen.".into()),
            at: "2026-12-02T08:00:00.000000Z".into(),
            account: Some("anna".into()),
            by_municipality: false,
            version: None,
        });
        let l = status_letter(9, "4f0b", &r, &ctx()).unwrap();
        assert!(l.subject.ends_with("Rückfrage"));
        assert!(l.body.contains("Neuer Status: Rückfrage"));
        assert!(l.body.contains("Bitte den DVDV-Eintrag nachreichen."));
        // Both ways to answer are named: a text or an amended version.
        assert!(
            l.body
                .contains("mit einer Antwort oder,\nwenn Angaben fehlen")
        );
        assert!(l.body.contains("ergänzten Fassung des Antrags"));
        assert!(
            l.body
                .contains("https://onboarding.example.de/status/4f0b\n")
        );
        // The operator's account is internal to the agency.
        assert!(!l.body.contains("anna"));
        assert!(status_letter(9, "4f0b", &request(), &ctx()).is_none());
    }

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(backoff(0).whole_seconds(), 30);
        assert_eq!(backoff(1).whole_seconds(), 60);
        assert_eq!(backoff(20).whole_seconds(), 3600);
    }
}
