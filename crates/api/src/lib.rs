//! EfA-Onboarding API: receives connection requests (Anschlussanträge) for a Land
//! agency, stores them durably (SQLite by default, PostgreSQL for several instances,
//! both behind [`storage::Storage`]), lets the municipality follow the status and the
//! agency work through them, and serves the built app.
//!
//! The binary (`src/main.rs`) only parses the command line (see [`cli`]) and either
//! runs a subcommand or sets up logging and signal handling for the server; everything
//! else lives here so that the integration tests run the real router on a real socket.

pub mod accounts;
pub mod app;
pub mod audit;
pub mod body;
pub mod cli;
pub mod config;
pub mod csp_hashes;
pub mod csv;
pub mod db;
pub mod export;
pub mod handlers;
pub mod intake;
pub mod mail;
pub mod municipalities;
pub mod openapi;
pub mod operator;
pub mod postgres;
pub mod problem;
pub mod rate_limit;
pub mod request_id;
pub mod retention;
pub mod sqlite;
pub mod startup;
pub mod state;
pub mod static_files;
pub mod storage;
pub mod store;
pub mod timeutil;
pub mod token;
pub mod wire;

pub use app::{App, open_storage, serve};
pub use config::Config;
pub use startup::StartupError;
