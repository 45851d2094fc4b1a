//! All wording of the user interface, German first, English second, in one place.
//!
//! Validation messages come from `efa_domain::messages` so that the app and the API say the
//! same thing; everything else the clerk reads is here.

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    De,
    En,
}

/// A piece of interface text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    ProductName,
    Tagline,
    Start,
    CatalogLoading,
    CatalogCount(usize),
    CatalogUnavailable,
}

/// The wording of `text` in `lang`.
pub fn t(lang: Lang, text: Text) -> String {
    use Lang::*;
    use Text::*;
    match (text, lang) {
        (ProductName, _) => "EfA-Onboarding".into(),
        (Tagline, De) => "Schritt für Schritt zum Anschluss Ihrer Kommune an EfA-Onlinedienste".into(),
        (Tagline, En) => "Connect your municipality to EfA online services, step by step".into(),
        (Start, De) => "Starten".into(),
        (Start, En) => "Start".into(),
        (CatalogLoading, De) => "Katalog wird geladen …".into(),
        (CatalogLoading, En) => "Loading the catalogue …".into(),
        (CatalogCount(n), De) => format!("Der Katalog enthält {n} EfA-Leistungen."),
        (CatalogCount(n), En) => format!("The catalogue holds {n} EfA services."),
        (CatalogUnavailable, De) => {
            "Der Leistungskatalog ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.".into()
        }
        (CatalogUnavailable, En) => {
            "The service catalogue cannot be reached right now. Please try again later.".into()
        }
    }
}
