//! All wording of the user interface, German first, English second.
//!
//! Validation messages come from `efa_domain::messages` so that the app and the API say the
//! same thing; catalog content (service names, prerequisite explanations) is German source
//! material and is shown as it is. Everything else the clerk reads is here.
//!
//! The texts are grouped by the area of the app that shows them: one module per page,
//! and per shared component with texts of its own, each with its own enum and its own
//! match, so that a page's texts sit together and each match stays exhaustive;
//! `common` holds what several areas show, `shell` the frame around every page.
//! [`Text`] names any of them, and [`t`] words it.

pub use efa_domain::messages::Lang;

mod common;
mod confirm;
mod confirmation;
mod details;
mod downloads;
mod draft_actions;
mod drafts;
mod municipality;
mod overview;
mod prerequisites;
mod readiness;
mod review;
mod route;
mod services;
mod shell;
mod start;
mod status;
mod submit;

pub use common::CommonText;
pub use confirm::ConfirmText;
pub use confirmation::ConfirmationText;
pub use details::DetailsText;
pub use downloads::DownloadsText;
pub use draft_actions::DraftActionsText;
pub use drafts::DraftsText;
pub use municipality::MunicipalityText;
pub use overview::OverviewText;
pub use prerequisites::PrerequisitesText;
pub use readiness::ReadinessText;
pub use review::ReviewText;
pub use route::RouteText;
pub use services::ServicesText;
pub use shell::ShellText;
pub use start::StartText;
pub use status::StatusText;
pub use submit::SubmitText;

const LANG_KEY: &str = "efa-onboarding:lang";

/// The language chosen earlier in this browser, if any.
pub fn stored_lang() -> Option<Lang> {
    let v = web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(LANG_KEY)
        .ok()??;
    match v.as_str() {
        "en" => Some(Lang::En),
        "de" => Some(Lang::De),
        _ => None,
    }
}

pub fn store_lang(lang: Lang) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(LANG_KEY, lang_code(lang));
    }
}

pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "de",
        Lang::En => "en",
    }
}

/// A piece of interface text, by the area of the app that shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Common(CommonText),
    Shell(ShellText),
    Start(StartText),
    Overview(OverviewText),
    Municipality(MunicipalityText),
    Services(ServicesText),
    Prerequisites(PrerequisitesText),
    Details(DetailsText),
    Review(ReviewText),
    Submit(SubmitText),
    Confirmation(ConfirmationText),
    Confirm(ConfirmText),
    Status(StatusText),
    Drafts(DraftsText),
    Downloads(DownloadsText),
    DraftActions(DraftActionsText),
    Readiness(ReadinessText),
    Route(RouteText),
}

/// Texts that can be worded in a language.
///
/// Each group words only its own texts, so code that names one group links only that
/// group's wording: a page in a module of its own (see `routes`) brings its texts along
/// and the main module does not carry them. [`Text`] words any group, and so links all.
pub trait Words: Copy {
    fn words(self, lang: Lang) -> String;
}

/// A page's own text or a common one, for a page's helpers that label with both; unlike
/// [`Text`] it links the wording of these two groups only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnOrCommon<P> {
    Own(P),
    Common(CommonText),
}

impl<P: Words> Words for OwnOrCommon<P> {
    fn words(self, lang: Lang) -> String {
        match self {
            OwnOrCommon::Own(text) => text.words(lang),
            OwnOrCommon::Common(text) => text.words(lang),
        }
    }
}

impl<P> From<CommonText> for OwnOrCommon<P> {
    fn from(text: CommonText) -> Self {
        OwnOrCommon::Common(text)
    }
}

impl Words for Text {
    fn words(self, lang: Lang) -> String {
        t(lang, self)
    }
}

/// For each group: it is a [`Text`], it words itself, and (but the common group) it is
/// a page's own text in [`OwnOrCommon`].
macro_rules! group {
    ($group:ident, $variant:ident, $module:ident) => {
        impl From<$group> for Text {
            fn from(text: $group) -> Self {
                Text::$variant(text)
            }
        }

        impl Words for $group {
            fn words(self, lang: Lang) -> String {
                $module::t(lang, self)
            }
        }
    };
    ($group:ident, $variant:ident, $module:ident, own) => {
        group!($group, $variant, $module);

        impl From<$group> for OwnOrCommon<$group> {
            fn from(text: $group) -> Self {
                OwnOrCommon::Own(text)
            }
        }
    };
}

group!(CommonText, Common, common);
group!(ShellText, Shell, shell, own);
group!(StartText, Start, start, own);
group!(OverviewText, Overview, overview, own);
group!(MunicipalityText, Municipality, municipality, own);
group!(ServicesText, Services, services, own);
group!(PrerequisitesText, Prerequisites, prerequisites, own);
group!(DetailsText, Details, details, own);
group!(ReviewText, Review, review, own);
group!(SubmitText, Submit, submit, own);
group!(ConfirmationText, Confirmation, confirmation, own);
group!(ConfirmText, Confirm, confirm, own);
group!(StatusText, Status, status, own);
group!(DraftsText, Drafts, drafts, own);
group!(DownloadsText, Downloads, downloads, own);
group!(DraftActionsText, DraftActions, draft_actions, own);
group!(ReadinessText, Readiness, readiness, own);
group!(RouteText, Route, route, own);

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl CommonText {
    /// The wording in `lang`. Shared components call this rather than [`t`], whose match
    /// over every group would link all of the app's texts into the console too.
    pub fn text(self, lang: Lang) -> String {
        common::t(lang, self)
    }
}

impl ReviewText {
    /// The wording in `lang` (see [`CommonText::text`]).
    pub fn text(self, lang: Lang) -> String {
        review::t(lang, self)
    }
}

impl ReadinessText {
    /// The wording in `lang` (see [`CommonText::text`]).
    pub fn text(self, lang: Lang) -> String {
        readiness::t(lang, self)
    }
}

/// The wording of `text` in `lang`.
pub fn t(lang: Lang, text: impl Into<Text>) -> String {
    match text.into() {
        Text::Common(text) => common::t(lang, text),
        Text::Shell(text) => shell::t(lang, text),
        Text::Start(text) => start::t(lang, text),
        Text::Overview(text) => overview::t(lang, text),
        Text::Municipality(text) => municipality::t(lang, text),
        Text::Services(text) => services::t(lang, text),
        Text::Prerequisites(text) => prerequisites::t(lang, text),
        Text::Details(text) => details::t(lang, text),
        Text::Review(text) => review::t(lang, text),
        Text::Submit(text) => submit::t(lang, text),
        Text::Confirmation(text) => confirmation::t(lang, text),
        Text::Confirm(text) => confirm::t(lang, text),
        Text::Status(text) => status::t(lang, text),
        Text::Drafts(text) => drafts::t(lang, text),
        Text::Downloads(text) => downloads::t(lang, text),
        Text::DraftActions(text) => draft_actions::t(lang, text),
        Text::Readiness(text) => readiness::t(lang, text),
        Text::Route(text) => route::t(lang, text),
    }
}

/// What a checklist item waits for when it waits only for some of its services:
/// "Für eWA wartet dieser Punkt auf: FIT-Connect-Zustellpunkt".
pub fn waits_for_services(lang: Lang, services: &str, waits_for: &str) -> String {
    match lang {
        Lang::De => format!("Für {services} wartet dieser Punkt auf: {waits_for}"),
        Lang::En => format!("For {services}, this waits for: {waits_for}"),
    }
}

/// Labels of domain values the interface shows as controls or headings. German comes from
/// the domain (it is the catalog's language); English is added here.
pub fn category_label(c: efa_domain::catalog::Category, lang: Lang) -> String {
    use efa_domain::catalog::Category as C;
    match (c, lang) {
        (c, Lang::De) => c.label_de().to_string(),
        (C::RechtlichOrganisatorisch, Lang::En) => "Legal and organisational".into(),
        (C::Technisch, Lang::En) => "Technical".into(),
    }
}

/// The label of a way to embed the online service.
pub fn embedding_label(m: efa_domain::request::EmbeddingMode, lang: Lang) -> String {
    use efa_domain::request::EmbeddingMode as M;
    match (m, lang) {
        (m, Lang::De) => m.label_de().to_string(),
        (M::Link, Lang::En) => "A link to the online service".into(),
        (M::Snippet, Lang::En) => "HTML5 snippet on your own website".into(),
        (M::Extension, Lang::En) => "Extension API in a portal".into(),
    }
}

pub fn channel_label(c: efa_domain::catalog::Channel, lang: Lang) -> String {
    use efa_domain::catalog::Channel as C;
    match (c, lang) {
        (c, Lang::De) => c.label_de().to_string(),
        (C::FitConnect, Lang::En) => "FIT-Connect".into(),
        (C::OsciXta, Lang::En) => "OSCI/XTA with DVDV entry".into(),
        (C::PdfDownload, Lang::En) => "PDF download (e.g. dDatabox)".into(),
        (C::Email, Lang::En) => "Email (unencrypted, not recommended)".into(),
    }
}

pub fn kind_label(k: efa_domain::catalog::MunicipalityKind, lang: Lang) -> String {
    use efa_domain::catalog::MunicipalityKind as K;
    match (k, lang) {
        (k, Lang::De) => k.label_de().to_string(),
        (K::Gemeinde, Lang::En) => "Municipality (Gemeinde)".into(),
        (K::Gemeindeverband, Lang::En) => "Association of municipalities".into(),
        (K::Landkreis, Lang::En) => "District (Landkreis)".into(),
        (K::KreisfreieStadt, Lang::En) => "District-free city".into(),
    }
}

pub fn availability_label(a: efa_domain::catalog::AvailabilityStatus, lang: Lang) -> String {
    use efa_domain::catalog::AvailabilityStatus as A;
    match (a, lang) {
        (a, Lang::De) => a.label_de().to_string(),
        (A::Available, Lang::En) => "offered".into(),
        (A::Paused, Lang::En) => "paused".into(),
        (A::Indication, Lang::En) => "indication only".into(),
    }
}

/// An RFC 3339 timestamp in the browser's local time: "28.11.2026, 15:51 Uhr" /
/// "2026-11-28, 15:51". Unreadable input is shown as it is rather than hidden.
pub fn format_timestamp(ts: &str, lang: Lang) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(ts));
    let ms = d.get_time();
    if ms.is_nan() {
        return ts.to_string();
    }
    let (day, month, year) = (d.get_date(), d.get_month() + 1, d.get_full_year());
    let (h, m) = (d.get_hours(), d.get_minutes());
    match lang {
        Lang::De => format!("{day:02}.{month:02}.{year}, {h:02}:{m:02} Uhr"),
        Lang::En => format!("{year}-{month:02}-{day:02}, {h:02}:{m:02}"),
    }
}

/// After submitting: where the confirmation mail goes. `mailbox` is the request's
/// Funktionspostfach as it was sent (empty: named generically). "Sie bekommen", not "wir
/// haben geschickt": the API sends it in the background, moments after its answer.
pub fn confirm_mail_sent(mailbox: &str, lang: Lang) -> String {
    let button = t(lang, ConfirmText::ConfirmButton);
    match (lang, mailbox.is_empty()) {
        (Lang::De, false) => format!(
            "Sie bekommen eine E-Mail an das Funktionspostfach {mailbox}. Darin steht ein Link. Öffnen Sie den Link und klicken Sie auf „{button}“."
        ),
        (Lang::De, true) => format!(
            "Sie bekommen eine E-Mail an das Funktionspostfach Ihrer Kommune. Darin steht ein Link. Öffnen Sie den Link und klicken Sie auf „{button}“."
        ),
        (Lang::En, false) => format!(
            "An email is on its way to the functional mailbox {mailbox}. It contains a link. Open the link and select “{button}”."
        ),
        (Lang::En, true) => format!(
            "An email is on its way to your municipality's functional mailbox. It contains a link. Open the link and select “{button}”."
        ),
    }
}

/// The deadline of an unconfirmed request; `when` is already formatted for `lang`.
pub fn confirm_deadline(when: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Bestätigen Sie den Antrag bis zum {when}. Sonst wird er mit allen Angaben gelöscht, und Sie müssen ihn neu stellen."
        ),
        Lang::En => format!(
            "Confirm the request by {when}. Otherwise it is deleted with all its details and you will have to make it again."
        ),
    }
}

/// Above "Absenden" of a draft that amends a submitted request.
pub fn amending_notice(reference: &str, version: u32, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Sie senden eine neue Fassung (Fassung {version}) des Antrags {reference} als Antwort auf die Rückfrage der Stelle. Der Antrag behält sein Aktenzeichen; die bisherige Fassung bleibt bei der Stelle erhalten."
        ),
        Lang::En => format!(
            "You are sending a new version (version {version}) of request {reference} in answer to the agency's query. The request keeps its reference number; the agency keeps the previous version."
        ),
    }
}

/// A history entry of the status page for a new version the municipality sent.
pub fn version_entry(version: u32, lang: Lang) -> String {
    match lang {
        Lang::De => format!("Sie haben Fassung {version} des Antrags eingereicht."),
        Lang::En => format!("You submitted version {version} of the request."),
    }
}

/// Under the reference number of a new version.
pub fn version_sent(version: u32, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Fassung {version} ist eingegangen. Die Stelle prüft Ihren Antrag weiter; den Stand sehen Sie über den Status-Link."
        ),
        Lang::En => format!(
            "Version {version} was received. The agency continues to review your request; the status link shows its status."
        ),
    }
}

/// The answer to a successful confirmation.
pub fn confirmed_message(reference: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!(
            "Ihre Anfrage mit dem Aktenzeichen {reference} ist bestätigt. Die zuständige Stelle bearbeitet sie jetzt."
        ),
        Lang::En => format!(
            "Your request with the reference number {reference} is confirmed. The agency will now process it."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_the_right_plural() {
        assert_eq!(
            t(Lang::De, MunicipalityText::SuggestionCount(1)),
            "1 Vorschlag verfügbar."
        );
        assert_eq!(
            t(Lang::De, MunicipalityText::SuggestionCount(3)),
            "3 Vorschläge verfügbar."
        );
        assert_eq!(
            t(Lang::En, ServicesText::ServicesFound(1, 0)),
            "1 service found, 0 chosen."
        );
    }

    #[test]
    fn confirmation_sentences_name_mailbox_deadline_and_reference() {
        let sent = confirm_mail_sent("digitalisierung@stadt.example", Lang::De);
        assert!(sent.contains("Funktionspostfach digitalisierung@stadt.example"));
        assert!(
            sent.contains("„Anfrage bestätigen“"),
            "names the button: {sent}"
        );
        assert!(confirm_mail_sent("", Lang::De).contains("Funktionspostfach Ihrer Kommune"));
        assert!(confirm_mail_sent("", Lang::En).contains("“Confirm the request”"));
        let deadline = confirm_deadline("15.12.2026, 07:00 Uhr", Lang::De);
        assert!(deadline.contains("bis zum 15.12.2026, 07:00 Uhr"));
        assert!(deadline.contains("gelöscht"));
        assert!(
            confirmed_message("BY-2026-000001", Lang::De).contains("BY-2026-000001 ist bestätigt")
        );
    }

    #[test]
    fn german_and_english_differ_for_sentences() {
        for text in [
            Text::from(StartText::StartWhat),
            Text::from(SubmitText::SubmitNetworkError),
            Text::from(DraftsText::ImportForeign),
            Text::from(CommonText::ErrorSummaryTitle),
            Text::from(ConfirmText::ConfirmInvalid),
            Text::from(ConfirmText::ConfirmCodeMissing),
            Text::from(StatusText::StatusUnconfirmed),
        ] {
            assert_ne!(t(Lang::De, text), t(Lang::En, text));
        }
    }
}
