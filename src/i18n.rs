//! All wording of the user interface, German first, English second, in one place.
//!
//! Validation messages come from `efa_domain::messages` so that the app and the API say the
//! same thing; catalog content (service names, prerequisite explanations) is German source
//! material and is shown as it is. Everything else the clerk reads is here.

pub use efa_domain::messages::Lang;
use efa_domain::messages::{Declaration, declaration_label};

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

/// A piece of interface text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    ProductName,
    Tagline,
    SkipLink,
    LanguageSwitch,
    LanguageSwitchLabel,
    NavOverview,
    NavDrafts,
    Saved(u32, u32),
    Saving,
    SaveFailed,
    NotFoundTitle,
    NotFoundBody,
    Start,
    StartWhat,
    StartNeedTitle,
    StartNeedMunicipality,
    StartNeedContacts,
    StartNeedTechnical,
    StartDuration,
    StartPrivacy,
    StartResumeTitle,
    StartResumeCurrent,
    StartResumeDrafts,
    CatalogLoading,
    CatalogUnavailable,
    Loading,
    Back,
    BackToOverview,
    BackToReview,
    Continue,
    SaveAndBackToReview,
    LoadFailedRetry,
    ErrorPrefix,
    WarningPrefix,
    WarningsTitle,
    WarningsIntro,
    ErrorSummaryTitle,
    OptionalSuffix,
    Unknown,
    NotApplicable,
    NotGiven,
    Sources,
    Cancel,
    Change,
    // overview
    TaskListTitle,
    SectionNotStarted,
    SectionInProgress,
    SectionDone,
    SectionCannotStart,
    ReadinessCount(usize, usize),
    NextActionsCount(usize),
    // municipality
    MunicipalitySearchLabel,
    MunicipalitySearchHint,
    SuggestionCount(usize),
    RegistryLoading,
    RegistryUnavailable,
    RegistrySource,
    ChosenMunicipality,
    FieldName,
    FieldKind,
    FieldArs,
    FieldAgs,
    FieldLand,
    FieldKreis,
    FieldVerband,
    FieldVerbandKey,
    FieldVerbandMembers,
    FieldPopulation,
    FieldPlzSeat,
    RouteTitle,
    RouteRecipient,
    RouteContact,
    AddressTitle,
    FieldStreet,
    FieldPlz,
    FieldOrt,
    ContactsTitle,
    ContactsHint,
    FieldPersonName,
    FieldFunction,
    FieldEmail,
    FieldPhone,
    FieldFunktionspostfach,
    FunktionspostfachHint,
    // services
    ServicesIntro,
    FilterRegion,
    ServiceSearchLabel,
    ServiceSearchHint,
    FilterAll,
    FilterThemenfeld,
    FilterLand,
    FilterChannel,
    FilterResponsible,
    FilterAvailable,
    ServicesFound(usize, usize),
    ServiceListLabel,
    ShowingOf(usize, usize),
    ShowMore(usize),
    ShowProfile,
    FactOzg,
    FactThemenfeld,
    FactProvider,
    FactPlatform,
    FactLeika,
    FactLevels,
    FactChannels,
    FactBasis,
    FactStandard,
    FactAvailBy,
    FactAvailNw,
    FactPrerequisites,
    // prerequisites
    PrereqIntro,
    PrereqNeedMunicipality,
    PrereqNeedServices,
    GoToMunicipality,
    GoToServices,
    ReadinessTitle,
    ReadinessReady,
    ReadinessBlocked,
    ReadinessOpen,
    OpenItems(usize),
    NextActionsTitle,
    MoreNextActions(usize),
    WaitsFor,
    OthersCanStart,
    HowToFulfil,
    OfficialLink,
    ConcernsServices,
    StatusLegend,
    StatusOpen,
    StatusInProgress,
    StatusDone,
    StatusNotApplicable,
    // details
    DetailsIntro,
    AuthorityTitle,
    CopyOfficeLabel,
    CopyOfficeChoose,
    CopyOfficeButton,
    CopyOfficeDone,
    CopyOfficeNothingChosen,
    FieldAuthorityName,
    FieldAuthorityKind,
    FieldOeId,
    FieldBkz,
    ChannelTitle,
    ChannelLegend,
    ChannelsUnknown,
    ChannelValueFitConnect,
    ChannelValueOsci,
    ChannelValuePdf,
    ChannelValueEmail,
    ChannelHintFitConnect,
    ChannelHintOsci,
    ChannelHintPdf,
    ChannelHintEmail,
    FieldFachverfahren,
    FieldVendor,
    FieldArea,
    AreaHint,
    VendorContactTitle,
    VendorContactHint,
    FieldVendorName,
    FieldVendorFunction,
    FieldVendorEmail,
    FieldVendorPhone,
    EmbeddingTitle,
    EmbeddingLegend,
    EmbeddingHint,
    FieldDomains,
    DomainsHint,
    FieldLeitwegId,
    LeitwegIdHint,
    DataStandardLabel,
    QuestionnaireLabel,
    DatesTitle,
    FieldTestDate,
    FieldGoLiveDate,
    // review
    ReviewIntro,
    ReviewMunicipality,
    ReviewServices,
    ReviewPrerequisites,
    ChangeSelection,
    ChangePrerequisites,
    NoOpenItems,
    OpenItemsHonest(usize),
    DocumentsTitle,
    DownloadRequestJson,
    DownloadRequestJsonDraft,
    ContinueToSubmit,
    Print,
    // submit
    SubmitIntro,
    DeclarationsTitle,
    DeclAuthorised,
    DeclCorrect,
    DeclPrivacy,
    FieldNotes,
    SubmitButton,
    Sending,
    SendAgain,
    SubmitNetworkError,
    SubmitServerError,
    SubmitConflict,
    SubmitRejected,
    DraftIsSafe,
    AlreadySubmitted,
    GoToConfirmation,
    // confirmation and status
    ConfirmationTitle,
    NothingSubmitted,
    ReferenceNumber,
    ReceivedAt,
    WhatHappensNext,
    RecipientIs,
    StatusLinkTitle,
    StatusLinkHint,
    StartNewRequest,
    StatusTitle,
    StatusUnreachable,
    StatusNotFound,
    CurrentStatus,
    HistoryTitle,
    ConfirmMailTitle,
    ConfirmMailSpam,
    StatusUnconfirmed,
    ConfirmationRow,
    ConfirmedValue,
    UnconfirmedValue,
    // confirming a request through the mailed link
    ConfirmTitle,
    ConfirmDoneTitle,
    ConfirmInvalidTitle,
    ConfirmIncompleteTitle,
    ConfirmIntro,
    ConfirmButton,
    Confirming,
    ConfirmNext,
    ConfirmAlready,
    ConfirmInvalid,
    ConfirmInvalidCopy,
    ConfirmStartAgain,
    ConfirmCodeMissing,
    ConfirmNetworkError,
    ConfirmServerError,
    // drafts
    DraftTitle,
    ExportDraft,
    ImportDraft,
    Restart,
    RestartQuestion,
    RestartConfirm,
    DraftsTitle,
    DraftsIntro,
    NoDrafts,
    UntitledDraft,
    CurrentDraft,
    DraftMeta(usize),
    LastChanged,
    OpenDraft,
    DeleteDraft,
    DeleteQuestion,
    DeleteConfirm,
    NewDraft,
    ImportLabel,
    ImportHint,
    ImportBroken,
    ImportForeign,
    ImportNewer,
    ImportInvalid,
    ImportQuestion,
    ImportConfirm,
    // documents
    DownloadRequestPdf,
    DownloadRequestPdfDraft,
    DownloadOpenItemsPdf,
    DownloadOpenItemsPdfDraft,
    DocumentsFingerprint,
    DocumentBusy,
    DocumentFailed,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The wording of `text` in `lang`.
pub fn t(lang: Lang, text: Text) -> String {
    use Text::*;
    let de = lang == Lang::De;
    let pick = |d: &str, e: &str| if de { d.to_string() } else { e.to_string() };
    match text {
        ProductName => "EfA-Onboarding".into(),
        Tagline => pick(
            "Schritt für Schritt zum Anschluss Ihrer Kommune an EfA-Onlinedienste",
            "Connect your municipality to EfA online services, step by step",
        ),
        SkipLink => pick("Zum Inhalt springen", "Skip to content"),
        LanguageSwitch => pick("English", "Deutsch"),
        LanguageSwitchLabel => pick("Switch to English", "Auf Deutsch umschalten"),
        NavOverview => pick("Überblick", "Overview"),
        NavDrafts => pick("Entwürfe", "Drafts"),
        Saved(h, m) => {
            if de {
                format!("Gespeichert um {h:02}:{m:02} Uhr")
            } else {
                format!("Saved at {h:02}:{m:02}")
            }
        }
        Saving => pick("Wird gespeichert …", "Saving …"),
        SaveFailed => pick(
            "Speichern im Browser nicht möglich. Laden Sie den Entwurf herunter, damit nichts verloren geht.",
            "Cannot save in this browser. Download the draft so nothing is lost.",
        ),
        NotFoundTitle => pick("Seite nicht gefunden", "Page not found"),
        NotFoundBody => pick(
            "Diese Adresse gibt es nicht. Weiter zum",
            "This address does not exist. Go to the",
        ),
        Start => pick("Starten", "Start"),
        StartWhat => pick(
            "Dieser Assistent führt Sie durch den Anschluss Ihrer Kommune an Onlinedienste nach dem Prinzip „Einer für Alle“ (EfA): Sie wählen Leistungen aus, prüfen die rechtlichen und technischen Voraussetzungen und erstellen einen Anschlussantrag, den Sie herunterladen und an die zuständige Stelle Ihres Landes senden.",
            "This assistant guides you through connecting your municipality to “Einer für Alle” (EfA) online services: choose services, check the legal and technical prerequisites, and create a connection request that you download and send to your Land's agency.",
        ),
        StartNeedTitle => pick("Das sollten Sie bereithalten", "What you need"),
        StartNeedMunicipality => pick(
            "den Namen oder Gemeindeschlüssel Ihrer Kommune",
            "the name or official key of your municipality",
        ),
        StartNeedContacts => pick(
            "Namen und Kontaktdaten: vertretungsberechtigte Person, fachliche und technische Ansprechperson, Funktionspostfach",
            "names and contact details: authorised representative, subject-matter and technical contacts, functional mailbox",
        ),
        StartNeedTechnical => pick(
            "soweit vorhanden: FIT-Connect-Destination-ID oder DVDV-Organisationsschlüssel, OE-ID aus dem Redaktionssystem, Name und Hersteller Ihres Fachverfahrens",
            "if available: FIT-Connect destination ID or DVDV key, OE-ID from the editorial system, name and vendor of your case-management software",
        ),
        StartDuration => pick(
            "Das dauert etwa 20 bis 40 Minuten. Sie können jederzeit unterbrechen und später weitermachen.",
            "This takes about 20 to 40 minutes. You can stop at any time and continue later.",
        ),
        StartPrivacy => pick(
            "Ihre Angaben bleiben in diesem Browser gespeichert, bis Sie den Antrag absenden. Vorher wird nichts übertragen.",
            "Your answers stay in this browser until you submit the request. Nothing is sent before that.",
        ),
        StartResumeTitle => pick("Schon begonnen?", "Already started?"),
        StartResumeCurrent => pick(
            "Mit dem aktuellen Entwurf fortfahren",
            "Continue the current draft",
        ),
        StartResumeDrafts => pick(
            "Gespeicherte Entwürfe anzeigen oder einen Entwurf laden",
            "Show saved drafts or load a draft",
        ),
        CatalogLoading => pick("Katalog wird geladen …", "Loading the catalogue …"),
        CatalogUnavailable => pick(
            "Der Leistungskatalog ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.",
            "The service catalogue cannot be reached right now. Please try again later.",
        ),
        Loading => pick("Wird geladen …", "Loading …"),
        Back => pick("Zurück", "Back"),
        BackToOverview => pick("Zum Überblick", "Go to the overview"),
        BackToReview => pick("Zurück zur Prüfung", "Back to the check page"),
        Continue => pick("Weiter", "Continue"),
        SaveAndBackToReview => pick(
            "Speichern und zurück zur Prüfung",
            "Save and return to the check page",
        ),
        LoadFailedRetry => pick(
            "Die Prüfdaten (Leistungskatalog oder Gemeindeverzeichnis) konnten nicht geladen werden. Ihre Angaben sind gespeichert. Bitte versuchen Sie es gleich noch einmal.",
            "The reference data (service catalogue or municipality register) could not be loaded. Your answers are saved. Please try again in a moment.",
        ),
        ErrorPrefix => pick("Fehler", "Error"),
        WarningPrefix => pick("Hinweis", "Note"),
        WarningsTitle => pick("Hinweise zu Ihren Angaben", "Notes on your answers"),
        WarningsIntro => pick(
            "Diese Angaben kann der Leistungskatalog nicht bestätigen. Prüfen Sie sie; der Antrag kann trotzdem abgesendet werden.",
            "The service catalogue cannot confirm these answers. Check them; the request can still be submitted.",
        ),
        ErrorSummaryTitle => pick("Es gibt ein Problem", "There is a problem"),
        OptionalSuffix => pick("(optional)", "(optional)"),
        Unknown => pick("unbekannt", "unknown"),
        NotApplicable => pick("entfällt", "not applicable"),
        NotGiven => pick("nicht angegeben", "not given"),
        Sources => pick("Quellen", "Sources"),
        Cancel => pick("Abbrechen", "Cancel"),
        Change => pick("Ändern", "Change"),
        TaskListTitle => pick("Ihre Schritte", "Your steps"),
        SectionNotStarted => pick("Nicht begonnen", "Not started"),
        SectionInProgress => pick("In Arbeit", "In progress"),
        SectionDone => pick("Erledigt", "Completed"),
        SectionCannotStart => pick("Kann noch nicht begonnen werden", "Cannot start yet"),
        ReadinessCount(ready, total) => {
            if de {
                format!(
                    "{ready} von {total} ausgewählten Leistungen sind bereit für den Anschluss."
                )
            } else {
                format!("{ready} of {total} chosen services are ready to connect.")
            }
        }
        NextActionsCount(n) => {
            if de {
                format!("Offene Voraussetzungen: {n}")
            } else {
                format!("Open prerequisites: {n}")
            }
        }
        MunicipalitySearchLabel => pick(
            "Name oder Gemeindeschlüssel Ihrer Kommune",
            "Name or official key of your municipality",
        ),
        MunicipalitySearchHint => pick(
            "Zum Beispiel Würzburg, Landkreis Starnberg oder 09663000. Wählen Sie einen Vorschlag mit den Pfeiltasten und der Eingabetaste.",
            "For example Würzburg, Landkreis Starnberg or 09663000. Choose a suggestion with the arrow keys and Enter.",
        ),
        SuggestionCount(n) => {
            if de {
                if n == 0 {
                    "Keine Vorschläge.".into()
                } else {
                    format!("{} verfügbar.", plural(n, "Vorschlag", "Vorschläge"))
                }
            } else if n == 0 {
                "No suggestions.".into()
            } else {
                format!("{} available.", plural(n, "suggestion", "suggestions"))
            }
        }
        RegistryLoading => pick(
            "Gemeindeverzeichnis wird geladen …",
            "Loading the municipality register …",
        ),
        RegistryUnavailable => pick(
            "Das Gemeindeverzeichnis konnte nicht geladen werden. Bitte laden Sie die Seite neu; Ihre Angaben bleiben erhalten.",
            "The municipality register could not be loaded. Please reload the page; your answers are kept.",
        ),
        RegistrySource => pick(
            "Quelle: Gemeindeverzeichnis GV100AD, Gebietsstand 30.11.2025, © Statistisches Bundesamt (Destatis), 2025, Datenlizenz Deutschland – Namensnennung – Version 2.0.",
            "Source: Gemeindeverzeichnis GV100AD, as of 30 Nov 2025, © Statistisches Bundesamt (Destatis), 2025, Data licence Germany – attribution – version 2.0.",
        ),
        ChosenMunicipality => pick("Gewählte Kommune", "Chosen municipality"),
        FieldName => pick("Name", "Name"),
        FieldKind => pick("Art", "Kind"),
        FieldArs => pick(
            "Amtlicher Regionalschlüssel (ARS)",
            "Official regional key (ARS)",
        ),
        FieldAgs => pick(
            "Amtlicher Gemeindeschlüssel (AGS)",
            "Official municipality key (AGS)",
        ),
        FieldLand => pick("Land", "Land (state)"),
        FieldKreis => pick("Kreis", "District"),
        FieldVerband => pick("Gemeindeverband", "Association of municipalities"),
        FieldVerbandKey => pick("Verbandsschlüssel", "Association key"),
        FieldVerbandMembers => pick("Mitgliedsgemeinden", "Member municipalities"),
        FieldPopulation => pick("Einwohnerzahl", "Population"),
        FieldPlzSeat => pick(
            "Postleitzahl des Verwaltungssitzes",
            "Postcode of the administrative seat",
        ),
        RouteTitle => pick("Vertragsweg", "Contract route"),
        RouteRecipient => pick("Empfänger des Antrags", "Recipient of the request"),
        RouteContact => pick("Kontakt für Kommunen", "Contact for municipalities"),
        AddressTitle => pick("Anschrift der Verwaltung", "Address of the administration"),
        FieldStreet => pick("Straße und Hausnummer", "Street and number"),
        FieldPlz => pick("Postleitzahl", "Postcode"),
        FieldOrt => pick("Ort", "Town"),
        ContactsTitle => pick("Ansprechpersonen", "Contacts"),
        ContactsHint => pick(
            "Nennen Sie für jede Rolle eine Person. Die Angaben erscheinen im Anschlussantrag.",
            "Name one person for each role. The details appear in the connection request.",
        ),
        FieldPersonName => pick("Vor- und Nachname", "Full name"),
        FieldFunction => pick("Funktion oder Amt", "Function or office"),
        FieldEmail => pick("E-Mail-Adresse", "Email address"),
        FieldPhone => pick("Telefonnummer", "Phone number"),
        FieldFunktionspostfach => pick("Funktionspostfach (E-Mail)", "Functional mailbox (email)"),
        FunktionspostfachHint => pick(
            "Ein Postfach, das nicht an eine Person gebunden ist, zum Beispiel digitalisierung@stadt.de",
            "A mailbox not tied to one person, for example digitalisierung@stadt.de",
        ),
        ServicesIntro => pick(
            "Wählen Sie die EfA-Leistungen aus, an die Ihre Kommune angeschlossen werden soll. Unter „Steckbrief anzeigen“ finden Sie die Fakten mit Quellen; was keine Quelle nennt, steht dort als „unbekannt“.",
            "Choose the EfA services your municipality wants to connect to. “Show profile” lists the facts with sources; what no source states is shown as “unknown”.",
        ),
        FilterRegion => pick(
            "Leistungen suchen und filtern",
            "Search and filter services",
        ),
        ServiceSearchLabel => pick("Suchbegriff", "Search term"),
        ServiceSearchHint => pick(
            "Zum Beispiel Wohngeld, Baugenehmigung oder ein Leika-Schlüssel",
            "For example Wohngeld, Baugenehmigung or a Leika key",
        ),
        FilterAll => pick("Alle", "All"),
        FilterThemenfeld => pick("Themenfeld", "Topic area"),
        FilterLand => pick("Umsetzendes Land", "Implementing Land"),
        FilterChannel => pick("Anbindungsart", "Connection type"),
        FilterResponsible => pick(
            "Nur Leistungen, für die Kommunen meiner Art zuständig sind",
            "Only services my kind of municipality is responsible for",
        ),
        FilterAvailable => pick(
            "Nur Leistungen mit Nachweis der Verfügbarkeit in meinem Land",
            "Only services with evidence of availability in my Land",
        ),
        ServicesFound(found, selected) => {
            if de {
                format!(
                    "{} gefunden, {} ausgewählt.",
                    plural(found, "Leistung", "Leistungen"),
                    selected
                )
            } else {
                format!(
                    "{} found, {} chosen.",
                    plural(found, "service", "services"),
                    selected
                )
            }
        }
        ServiceListLabel => pick("Leistungen", "Services"),
        ShowingOf(shown, total) => {
            if de {
                format!("{shown} von {total} Leistungen werden angezeigt.")
            } else {
                format!("Showing {shown} of {total} services.")
            }
        }
        ShowMore(n) => {
            if de {
                format!("{n} weitere Leistungen anzeigen")
            } else {
                format!("Show {n} more services")
            }
        }
        ShowProfile => pick("Steckbrief anzeigen", "Show profile"),
        FactOzg => pick("OZG-Leistung", "OZG service"),
        FactThemenfeld => pick("Themenfeld", "Topic area"),
        FactProvider => pick("Federführung / Umsetzung", "Lead / implementation"),
        FactPlatform => pick("Plattform / Betreiber", "Platform / operator"),
        FactLeika => pick("Leika-Schlüssel", "Leika keys"),
        FactLevels => pick("Zuständige Ebene", "Responsible level"),
        FactChannels => pick("Übertragungswege", "Delivery channels"),
        FactBasis => pick("Basisdienste", "Basic components"),
        FactStandard => pick("Datenstandard", "Data standard"),
        FactAvailBy => pick("Verfügbarkeit in Bayern", "Availability in Bavaria"),
        FactAvailNw => pick(
            "Verfügbarkeit in Nordrhein-Westfalen",
            "Availability in North Rhine-Westphalia",
        ),
        FactPrerequisites => pick("Voraussetzungen", "Prerequisites"),
        PrereqIntro => pick(
            "Diese Liste zeigt jede Voraussetzung nur einmal, auch wenn sie für mehrere Leistungen gilt. Halten Sie den Stand fest; Nachweise wie Kennungen können Sie direkt eintragen.",
            "Each prerequisite appears once, even if several services need it. Record its status; evidence such as identifiers can be entered directly.",
        ),
        PrereqNeedMunicipality => pick(
            "Wählen Sie zuerst Ihre Kommune aus.",
            "First choose your municipality.",
        ),
        PrereqNeedServices => pick(
            "Wählen Sie zuerst mindestens eine Leistung aus.",
            "First choose at least one service.",
        ),
        GoToMunicipality => pick("Zur Kommune", "Go to your municipality"),
        GoToServices => pick("Zur Leistungsauswahl", "Go to the services"),
        ReadinessTitle => pick("Stand je Leistung", "Status per service"),
        ReadinessReady => pick("Bereit", "Ready"),
        ReadinessBlocked => pick("Blockiert", "Blocked"),
        ReadinessOpen => pick("Offene Punkte", "Open items"),
        OpenItems(n) => {
            if de {
                format!("{} offen.", plural(n, "Voraussetzung", "Voraussetzungen"))
            } else {
                format!("{} open.", plural(n, "prerequisite", "prerequisites"))
            }
        }
        NextActionsTitle => pick("Als Nächstes zu tun", "Next actions"),
        MoreNextActions(n) => {
            if de {
                format!("… und {n} weitere in der Liste unten.")
            } else {
                format!("… and {n} more in the list below.")
            }
        }
        WaitsFor => pick("Wartet auf", "Waits for"),
        OthersCanStart => pick(
            "Für die anderen Leistungen können Sie diesen Punkt schon bearbeiten.",
            "For the other services you can already work on it.",
        ),
        HowToFulfil => pick("So erfüllen Sie die Voraussetzung", "How to meet it"),
        OfficialLink => pick("Offizielle Seite", "Official page"),
        ConcernsServices => pick("Betrifft", "Concerns"),
        StatusLegend => pick("Stand", "Status"),
        StatusOpen => pick("Offen", "Open"),
        StatusInProgress => pick("In Arbeit", "In progress"),
        StatusDone => pick("Erledigt", "Done"),
        StatusNotApplicable => pick("Nicht zutreffend", "Not applicable"),
        DetailsIntro => pick(
            "Geben Sie je Leistung an, welche Stelle zuständig ist und wie die Anträge bei Ihnen ankommen sollen.",
            "For each service, state the responsible office and how applications should reach you.",
        ),
        AuthorityTitle => pick("Zuständige Organisationseinheit", "Responsible office"),
        CopyOfficeLabel => pick("Gleiche Stelle wie bei", "Same office as for"),
        CopyOfficeChoose => pick("– Leistung wählen –", "– choose a service –"),
        CopyOfficeButton => pick("Angaben übernehmen", "Copy the details"),
        CopyOfficeDone => pick(
            "Die Angaben der Stelle wurden übernommen (Name, Anschrift, E-Mail, Telefon, OE-ID, BKZ). Sie können jedes Feld weiter ändern. Übernommen von:",
            "The office's details were copied (name, address, e-mail, phone, OE-ID, BKZ). You can still change every field. Copied from:",
        ),
        CopyOfficeNothingChosen => pick(
            "Bitte wählen Sie zuerst die Leistung, deren Stelle Sie übernehmen möchten.",
            "Please first choose the service whose office you want to copy.",
        ),
        FieldAuthorityName => pick("Name der Stelle", "Name of the office"),
        FieldAuthorityKind => pick("Behördenart", "Kind of authority"),
        FieldOeId => pick(
            "OE-ID aus dem Redaktionssystem (PVOG)",
            "OE-ID from the editorial system (PVOG)",
        ),
        FieldBkz => pick("Behördenkennzahl (BKZ)", "Authority code (BKZ)"),
        ChannelTitle => pick("Übertragungsweg", "Delivery channel"),
        ChannelLegend => pick(
            "Wie sollen die Anträge bei Ihnen ankommen?",
            "How should applications reach you?",
        ),
        ChannelsUnknown => pick(
            "Für diese Leistung nennt keine Quelle die möglichen Übertragungswege. Klären Sie den Weg mit dem Betreiber.",
            "No source names the delivery channels of this service. Agree on one with the operator.",
        ),
        ChannelValueFitConnect => pick("FIT-Connect-Destination-ID", "FIT-Connect destination ID"),
        ChannelValueOsci => pick("DVDV-Organisationsschlüssel", "DVDV organisation key"),
        ChannelValuePdf => pick(
            "Funktionspostfach für die Download-Links",
            "Functional mailbox for the download links",
        ),
        ChannelValueEmail => pick(
            "E-Mail-Adresse für die Anträge",
            "Email address for the applications",
        ),
        ChannelHintFitConnect => pick(
            "UUID des Zustellpunkts, z. B. 36141427-d405-40a4-8f8b-3592d544e85b",
            "UUID of the destination, e.g. 36141427-d405-40a4-8f8b-3592d544e85b",
        ),
        ChannelHintOsci => pick(
            "z. B. wgb010540880000 oder bab:05111000",
            "e.g. wgb010540880000 or bab:05111000",
        ),
        ChannelHintPdf => pick("z. B. wohngeld@stadt.de", "e.g. wohngeld@stadt.de"),
        ChannelHintEmail => pick(
            "Unverschlüsselte E-Mail wird nicht empfohlen.",
            "Unencrypted email is not recommended.",
        ),
        FieldFachverfahren => pick("Fachverfahren", "Case-management software"),
        FieldVendor => pick("Hersteller des Fachverfahrens", "Vendor of the software"),
        FieldArea => pick("Zuständigkeitsgebiet", "Area of responsibility"),
        AreaHint => pick(
            "Für welches Gebiet ist die Stelle zuständig? Amtliche Regionalschlüssel (12 Ziffern) oder Postleitzahlen (5 Ziffern), durch Komma getrennt. Vorgeschlagen ist das Gebiet Ihrer Kommune.",
            "Which area is the office responsible for? Official regional keys (12 digits) or postcodes (5 digits), separated by commas. Your municipality's area is suggested.",
        ),
        VendorContactTitle => pick(
            "Ansprechperson beim Hersteller des Fachverfahrens",
            "Contact at the software vendor",
        ),
        VendorContactHint => pick(
            "Der Betreiber stimmt die Schnittstelle mit dem Hersteller ab. Name und E-Mail sind nötig, wenn die Anträge in ein Fachverfahren gehen (FIT-Connect, OSCI/XTA).",
            "The operator agrees the interface with the vendor. Name and email are needed when applications go into case-management software (FIT-Connect, OSCI/XTA).",
        ),
        FieldVendorName => pick("Kontakt beim Hersteller: Name", "Vendor contact: name"),
        FieldVendorFunction => pick("Kontakt beim Hersteller: Funktion", "Vendor contact: role"),
        FieldVendorEmail => pick("Kontakt beim Hersteller: E-Mail", "Vendor contact: email"),
        FieldVendorPhone => pick("Kontakt beim Hersteller: Telefon", "Vendor contact: phone"),
        EmbeddingTitle => pick(
            "Einbindung in Ihren Webauftritt",
            "Embedding in your website",
        ),
        EmbeddingLegend => pick(
            "Wie binden Sie den Onlinedienst ein?",
            "How do you embed the online service?",
        ),
        EmbeddingHint => pick(
            "Bei einem Snippet oder der Extension-API läuft der Dienst auf Ihren Seiten; der Betreiber gibt dafür Ihre Domains frei.",
            "With a snippet or the Extension API the service runs on your pages; the operator allows your domains for it.",
        ),
        FieldDomains => pick("Freizugebende Domains", "Domains to allow"),
        DomainsHint => pick(
            "Ohne https:// und ohne Pfad, durch Komma getrennt, z. B. www.wuerzburg.de, service.wuerzburg.de",
            "Without https:// and without a path, separated by commas, e.g. www.wuerzburg.de, service.wuerzburg.de",
        ),
        FieldLeitwegId => pick("Leitweg-ID für E-Rechnungen", "Leitweg-ID for e-invoices"),
        LeitwegIdHint => pick(
            "Die Registrierung auf dem EfA-Marktplatz fragt sie ab, z. B. 04011000-1234512345-06",
            "The EfA-Marktplatz registration asks for it, e.g. 04011000-1234512345-06",
        ),
        DataStandardLabel => pick(
            "Datenaustauschstandard (XÖV)",
            "Data exchange standard (XÖV)",
        ),
        QuestionnaireLabel => pick(
            "Anbindungsweg des Betreibers",
            "The operator's own onboarding form",
        ),
        DatesTitle => pick("Wunschtermine", "Desired dates"),
        FieldTestDate => pick("Test ab", "Test from"),
        FieldGoLiveDate => pick("Produktivstart (Go-Live)", "Go-live"),
        ReviewIntro => pick(
            "Prüfen Sie Ihre Angaben. Mit „Ändern“ kommen Sie zur Frage und danach hierher zurück.",
            "Check your answers. “Change” takes you to the question and back here afterwards.",
        ),
        ReviewMunicipality => pick("Kommune", "Municipality"),
        ReviewServices => pick("Leistungen", "Services"),
        ReviewPrerequisites => pick("Voraussetzungen", "Prerequisites"),
        ChangeSelection => pick(
            "Auswahl der Leistungen ändern",
            "Change the chosen services",
        ),
        ChangePrerequisites => pick("Voraussetzungen bearbeiten", "Edit the prerequisites"),
        NoOpenItems => pick(
            "Alle Voraussetzungen sind erfüllt.",
            "All prerequisites are met.",
        ),
        OpenItemsHonest(n) => {
            if de {
                format!(
                    "{} noch nicht erfüllt. Sie können trotzdem absenden; die Punkte werden im Antrag als offen ausgewiesen.",
                    plural(n, "Voraussetzung ist", "Voraussetzungen sind")
                )
            } else {
                format!(
                    "{} not met yet. You can still submit; they are marked as open in the request.",
                    plural(n, "prerequisite is", "prerequisites are")
                )
            }
        }
        DocumentsTitle => pick("Dokumente", "Documents"),
        DownloadRequestJson => pick(
            "Anschlussantrag als JSON herunterladen",
            "Download the connection request as JSON",
        ),
        DownloadRequestJsonDraft => pick(
            "Anschlussantrag (Entwurf) als JSON herunterladen",
            "Download the draft connection request as JSON",
        ),
        ContinueToSubmit => pick("Weiter zum Absenden", "Continue to submit"),
        Print => pick("Drucken", "Print"),
        SubmitIntro => pick(
            "Mit dem Absenden geht Ihr Anschlussantrag an die zuständige Stelle Ihres Landes. Bitte bestätigen Sie dazu die folgenden Erklärungen.",
            "Submitting sends your connection request to your Land's agency. Please confirm the following declarations.",
        ),
        DeclarationsTitle => pick("Erklärungen", "Declarations"),
        // The signed PDF repeats these texts, so they live with the domain's wording.
        DeclAuthorised => declaration_label(Declaration::Authorised, lang).into(),
        DeclCorrect => declaration_label(Declaration::InformationCorrect, lang).into(),
        DeclPrivacy => declaration_label(Declaration::DataProtection, lang).into(),
        FieldNotes => pick(
            "Anmerkungen an die zuständige Stelle",
            "Notes for the agency",
        ),
        SubmitButton => pick("Antrag verbindlich absenden", "Submit the request"),
        Sending => pick("Wird gesendet …", "Sending …"),
        SendAgain => pick("Erneut senden", "Send again"),
        SubmitNetworkError => pick(
            "Der Antrag konnte nicht gesendet werden: Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und senden Sie erneut.",
            "The request could not be sent: the server cannot be reached. Check your connection and send again.",
        ),
        SubmitServerError => pick(
            "Der Antrag konnte nicht gesendet werden: Beim Server ist ein Fehler aufgetreten. Bitte senden Sie in einigen Minuten erneut.",
            "The request could not be sent: the server had a problem. Please send again in a few minutes.",
        ),
        SubmitConflict => pick(
            "Zu diesem Vorgang liegt beim Server bereits ein Antrag mit anderem Inhalt vor. Bitte wenden Sie sich an die zuständige Stelle.",
            "The server already holds a request with different content for this submission. Please contact the agency.",
        ),
        SubmitRejected => pick(
            "Der Server hat den Antrag abgelehnt. Bitte laden Sie den Entwurf herunter und wenden Sie sich an die zuständige Stelle.",
            "The server refused the request. Please download the draft and contact the agency.",
        ),
        DraftIsSafe => pick(
            "Ihre Angaben sind gespeichert und gehen nicht verloren.",
            "Your answers are saved and will not be lost.",
        ),
        AlreadySubmitted => pick(
            "Dieser Antrag wurde bereits gesendet.",
            "This request has already been sent.",
        ),
        GoToConfirmation => pick("Zur Bestätigung", "Go to the confirmation"),
        ConfirmationTitle => pick("Antrag gesendet", "Request sent"),
        NothingSubmitted => pick("Noch kein Antrag gesendet", "No request sent yet"),
        ReferenceNumber => pick("Ihr Aktenzeichen", "Your reference number"),
        ReceivedAt => pick("Eingegangen am", "Received at"),
        WhatHappensNext => pick("Wie es weitergeht", "What happens next"),
        RecipientIs => pick("Ihr Antrag liegt jetzt bei", "Your request is now with"),
        StatusLinkTitle => pick("Status verfolgen", "Follow the status"),
        StatusLinkHint => pick(
            "Mit diesem Link sehen Sie den Bearbeitungsstand jederzeit, auch in einem anderen Browser. Bewahren Sie ihn auf; er wird nur einmal angezeigt.",
            "This link shows the status at any time, in any browser. Keep it safe; it is shown only once.",
        ),
        StartNewRequest => pick("Einen weiteren Antrag beginnen", "Start another request"),
        StatusTitle => pick("Stand Ihres Antrags", "Status of your request"),
        StatusUnreachable => pick(
            "Der Server ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.",
            "The server cannot be reached right now. Please try again later.",
        ),
        StatusNotFound => pick(
            "Zu diesem Link wurde kein Antrag gefunden. Prüfen Sie, ob Sie den Link vollständig kopiert haben.",
            "No request was found for this link. Check that you copied the whole link.",
        ),
        CurrentStatus => pick("Aktueller Stand", "Current status"),
        HistoryTitle => pick("Verlauf", "History"),
        ConfirmMailTitle => pick(
            "Wichtig: Antrag per E-Mail bestätigen",
            "Important: confirm the request by email",
        ),
        ConfirmMailSpam => pick(
            "Keine E-Mail bekommen? Sehen Sie bitte auch im Spam-Ordner des Funktionspostfachs nach.",
            "No email? Please also look in the spam folder of the functional mailbox.",
        ),
        StatusUnconfirmed => pick(
            "Dieser Antrag ist noch nicht bestätigt. Den Link zum Bestätigen finden Sie in der E-Mail an das Funktionspostfach Ihrer Kommune.",
            "This request has not been confirmed yet. The link to confirm it is in the email to your municipality's functional mailbox.",
        ),
        ConfirmationRow => pick("Bestätigung", "Confirmation"),
        ConfirmedValue => pick("Bestätigt", "Confirmed"),
        UnconfirmedValue => pick("Noch nicht bestätigt", "Not confirmed yet"),
        ConfirmTitle => pick("Anfrage bestätigen", "Confirm the request"),
        ConfirmDoneTitle => pick("Anfrage bestätigt", "Request confirmed"),
        ConfirmInvalidTitle => pick("Link ungültig oder abgelaufen", "Link invalid or expired"),
        ConfirmIncompleteTitle => pick("Link unvollständig", "Incomplete link"),
        ConfirmIntro => pick(
            "Diesen Link haben Sie per E-Mail an das Funktionspostfach Ihrer Kommune bekommen. Mit der Bestätigung zeigen Sie, dass die Anfrage wirklich von Ihrer Kommune kommt. Erst dann bearbeitet die zuständige Stelle sie.",
            "You received this link by email to your municipality's functional mailbox. Confirming shows that the request really comes from your municipality. Only then will the agency process it.",
        ),
        ConfirmButton => pick("Anfrage bestätigen", "Confirm the request"),
        Confirming => pick("Wird bestätigt …", "Confirming …"),
        ConfirmNext => pick(
            "Den Bearbeitungsstand sehen Sie jederzeit mit dem Status-Link, den Sie nach dem Absenden bekommen haben.",
            "You can follow the status at any time with the status link you received after submitting.",
        ),
        ConfirmAlready => pick(
            "Diese Anfrage ist bereits bestätigt. Sie müssen nichts weiter tun.",
            "This request has already been confirmed. There is nothing more to do.",
        ),
        ConfirmInvalid => pick(
            "Zu diesem Link gibt es keine Anfrage, die noch bestätigt werden kann. Vielleicht ist die Frist abgelaufen: Nicht bestätigte Anfragen werden nach Ablauf der Frist mit allen Angaben gelöscht. Stellen Sie die Anfrage dann bitte neu.",
            "There is no request for this link that can still be confirmed. The deadline may have passed: requests that are not confirmed are deleted with all their details after the deadline. If so, please make the request again.",
        ),
        ConfirmInvalidCopy => pick(
            "Wenn Sie den Link kopiert haben, prüfen Sie, ob er vollständig ist.",
            "If you copied the link, check that it is complete.",
        ),
        ConfirmStartAgain => pick(
            "Zur Startseite, um die Anfrage neu zu stellen",
            "Go to the start page to make the request again",
        ),
        ConfirmCodeMissing => pick(
            "In diesem Link fehlt der Bestätigungscode. Öffnen Sie bitte den Link aus der E-Mail noch einmal. Wenn Sie ihn kopieren, kopieren Sie ihn vollständig bis zum Ende.",
            "The confirmation code is missing from this link. Please open the link from the email again. If you copy it, copy all of it up to the end.",
        ),
        ConfirmNetworkError => pick(
            "Die Anfrage konnte nicht bestätigt werden: Der Server ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.",
            "The request could not be confirmed: the server cannot be reached. Check your internet connection and try again.",
        ),
        ConfirmServerError => pick(
            "Die Anfrage konnte nicht bestätigt werden: Der Server ist gerade überlastet oder gestört. Bitte versuchen Sie es in einigen Minuten erneut. Der Link bleibt bis zum Ablauf der Frist gültig.",
            "The request could not be confirmed: the server is busy or has a problem. Please try again in a few minutes. The link stays valid until the deadline.",
        ),
        DraftTitle => pick("Entwurf", "Draft"),
        ExportDraft => pick("Entwurf herunterladen", "Download draft"),
        ImportDraft => pick("Entwurf laden", "Load a draft"),
        Restart => pick("Neu beginnen", "Start again"),
        RestartQuestion => pick(
            "Möchten Sie wirklich neu beginnen? Der aktuelle Entwurf wird gelöscht. Laden Sie ihn vorher herunter, wenn Sie ihn behalten möchten.",
            "Do you really want to start again? The current draft will be deleted. Download it first if you want to keep it.",
        ),
        RestartConfirm => pick(
            "Ja, Entwurf löschen und neu beginnen",
            "Yes, delete the draft and start again",
        ),
        DraftsTitle => pick("Entwürfe", "Drafts"),
        DraftsIntro => pick(
            "Diese Entwürfe sind in diesem Browser gespeichert. Sie können zum Beispiel für jede betreute Kommune einen eigenen Entwurf führen.",
            "These drafts are kept in this browser. You can, for example, keep one draft per municipality you work for.",
        ),
        NoDrafts => pick(
            "In diesem Browser sind keine Entwürfe gespeichert.",
            "No drafts are kept in this browser.",
        ),
        UntitledDraft => pick("Entwurf ohne Kommune", "Draft without a municipality"),
        CurrentDraft => pick("aktuell", "current"),
        DraftMeta(n) => {
            if de {
                plural(n, "Leistung", "Leistungen")
            } else {
                plural(n, "service", "services")
            }
        }
        LastChanged => pick("zuletzt geändert", "last changed"),
        OpenDraft => pick("Öffnen", "Open"),
        DeleteDraft => pick("Löschen", "Delete"),
        DeleteQuestion => pick(
            "Diesen Entwurf wirklich löschen?",
            "Really delete this draft?",
        ),
        DeleteConfirm => pick("Ja, löschen", "Yes, delete"),
        NewDraft => pick("Neuen Entwurf anlegen", "Create a new draft"),
        ImportLabel => pick("Entwurfsdatei auswählen", "Choose a draft file"),
        ImportHint => pick(
            "Eine Datei, die Sie mit „Entwurf herunterladen“ gespeichert haben (JSON). Ihr aktueller Entwurf bleibt erhalten.",
            "A file saved with “Download draft” (JSON). Your current draft is kept.",
        ),
        ImportBroken => pick(
            "Die Datei ist beschädigt oder unvollständig. Wählen Sie die JSON-Datei, die Sie mit „Entwurf herunterladen“ gespeichert haben.",
            "The file is damaged or incomplete. Choose the JSON file saved with “Download draft”.",
        ),
        ImportForeign => pick(
            "Die Datei ist kein Entwurf von EfA-Onboarding. Wählen Sie eine mit „Entwurf herunterladen“ gespeicherte Datei.",
            "The file is not an EfA-Onboarding draft. Choose a file saved with “Download draft”.",
        ),
        ImportNewer => pick(
            "Der Entwurf stammt aus einer neueren Version von EfA-Onboarding und kann hier nicht geöffnet werden.",
            "The draft comes from a newer version of EfA-Onboarding and cannot be opened here.",
        ),
        ImportInvalid => pick(
            "Der Entwurf enthält Angaben, die nicht gelesen werden können. Die Datei wurde vermutlich verändert.",
            "The draft contains data that cannot be read. The file was probably edited.",
        ),
        ImportQuestion => pick("Diesen Entwurf öffnen?", "Open this draft?"),
        ImportConfirm => pick("Entwurf öffnen", "Open draft"),
        // documents
        DownloadRequestPdf => pick(
            "Anschlussantrag als PDF herunterladen",
            "Download the connection request as PDF",
        ),
        DownloadRequestPdfDraft => pick(
            "Anschlussantrag (Entwurf) als PDF herunterladen",
            "Download the draft connection request as PDF",
        ),
        DownloadOpenItemsPdf => pick(
            "Offene Punkte als PDF herunterladen",
            "Download the open items as PDF",
        ),
        DownloadOpenItemsPdfDraft => pick(
            "Offene Punkte (Entwurf) als PDF herunterladen",
            "Download the draft open items as PDF",
        ),
        DocumentsFingerprint => pick(
            "Alle drei Dokumente tragen denselben Fingerabdruck der Daten:",
            "All three documents carry the same fingerprint of the data:",
        ),
        DocumentBusy => pick("Das Dokument wird erstellt …", "Creating the document …"),
        DocumentFailed => pick(
            "Das Dokument konnte nicht erstellt werden. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut. Ihre Angaben bleiben erhalten.",
            "The document could not be created. Please check your internet connection and try again. Your answers are kept.",
        ),
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
    let button = t(lang, Text::ConfirmButton);
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
            t(Lang::De, Text::SuggestionCount(1)),
            "1 Vorschlag verfügbar."
        );
        assert_eq!(
            t(Lang::De, Text::SuggestionCount(3)),
            "3 Vorschläge verfügbar."
        );
        assert_eq!(
            t(Lang::En, Text::ServicesFound(1, 0)),
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
            Text::StartWhat,
            Text::SubmitNetworkError,
            Text::ImportForeign,
            Text::ErrorSummaryTitle,
            Text::ConfirmInvalid,
            Text::ConfirmCodeMissing,
            Text::StatusUnconfirmed,
        ] {
            assert_ne!(t(Lang::De, text), t(Lang::En, text));
        }
    }
}
