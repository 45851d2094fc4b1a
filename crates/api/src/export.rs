//! The columns of the operator's CSV export and one row per stored request: the header
//! and the cells, read from the stored document. How the cells are quoted and guarded is
//! [`crate::csv`]'s part.

use efa_domain::request::ConnectionRequest;

use crate::storage::Row;
use crate::wire::LandInfo;

pub const CSV_HEADER: [&str; 31] = [
    "Referenz",
    "ID",
    "Status",
    "Eingegangen (UTC)",
    "Zuletzt geändert (UTC)",
    "Land",
    "AGS",
    "ARS",
    "Kommune",
    "Kreis",
    "Straße",
    "PLZ",
    "Ort",
    "Leistungen",
    "Vertretung Name",
    "Vertretung Funktion",
    "Vertretung E-Mail",
    "Vertretung Telefon",
    "Fachlich Name",
    "Fachlich E-Mail",
    "Fachlich Telefon",
    "Technisch Name",
    "Technisch E-Mail",
    "Technisch Telefon",
    "Funktionspostfach",
    "Anmerkungen",
    "Letzte Notiz",
    "Vertragsweg",
    "Bestätigt (UTC)",
    "Fassung",
    "Antwort der Kommune (UTC)",
];

/// One export row. Per service: name, id, authority, channel and go-live date, one
/// service per line inside the cell.
pub fn csv_cells(row: &Row, last_note: Option<&str>) -> Vec<String> {
    let request: Option<ConnectionRequest> = row
        .document
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok());
    let land = LandInfo::from_iso(&row.land_iso);
    let mut cells = vec![
        row.reference.clone(),
        row.id.clone(),
        row.status.label(efa_domain::messages::Lang::De).to_owned(),
        row.received_at.clone(),
        row.updated_at.clone(),
        land.name,
        row.ags.clone(),
        row.ars.clone(),
        row.municipality_name.clone(),
    ];
    match &request {
        Some(r) => {
            let m = &r.municipality;
            let c = &r.contacts;
            let services: Vec<String> = r
                .services
                .iter()
                .map(|s| {
                    let name = row
                        .services
                        .iter()
                        .find(|x| x.id == s.service_id)
                        .map_or("", |x| x.name.as_str());
                    let channel = s.channel.as_ref().map_or("", |ch| ch.channel().label_de());
                    format!(
                        "{name} ({}) – {} – {channel} – Go-Live {}",
                        s.service_id, s.authority.name, s.go_live_date
                    )
                })
                .collect();
            cells.extend([
                m.kreis.clone().unwrap_or_default(),
                m.address.street.clone(),
                m.address.plz.clone(),
                m.address.ort.clone(),
                services.join("\n"),
                c.vertretung.name.clone(),
                c.vertretung.function.clone(),
                c.vertretung.email.clone(),
                c.vertretung.phone.clone(),
                c.fachlich.name.clone(),
                c.fachlich.email.clone(),
                c.fachlich.phone.clone(),
                c.technisch.name.clone(),
                c.technisch.email.clone(),
                c.technisch.phone.clone(),
                c.funktionspostfach.clone(),
                r.notes.clone(),
            ]);
        }
        None => {
            let names: Vec<String> = row
                .services
                .iter()
                .map(|s| format!("{} ({})", s.name, s.id))
                .collect();
            cells.extend(std::iter::repeat_n(String::new(), 4));
            cells.push(names.join("\n"));
            cells.extend(std::iter::repeat_n(String::new(), 12));
        }
    }
    cells.push(last_note.unwrap_or("").to_owned());
    cells.push(
        request
            .and_then(|r| r.route)
            .map(|r| r.as_str().to_owned())
            .unwrap_or_default(),
    );
    cells.push(row.confirmed_at.clone().unwrap_or_default());
    cells.push(row.version.to_string());
    // Set while an answer of the municipality awaits the agency.
    cells.push(row.answered_at.clone().unwrap_or_default());
    cells
}
