//! `efa-api`: the server binary. See `efa-api --help` for every flag and variable.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use efa_api::App;
use efa_api::cli::Cli;
use efa_api::config::LogFormat;
use tracing_subscriber::EnvFilter;

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

/// Resolves on SIGTERM (container stop) or SIGINT (Ctrl-C).
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(command) = &cli.command {
        // Subcommands print for people and scripts; server logging stays off for them.
        let (mut out, mut note) = (std::io::stdout(), std::io::stderr());
        return match efa_api::cli::run(command, &cli.config, &mut out, &mut note).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("efa-api: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let config = cli.config;
    init_logging(config.log_format);

    let app = match App::build(&config).await {
        Ok(app) => app,
        Err(e) => {
            eprintln!("efa-api: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind((config.bind, config.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "efa-api: cannot listen on {}:{}: {e}",
                config.bind, config.port
            );
            return ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("efa-api: cannot read the bound address: {e}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!(
        data_dir = %config.data_dir.display(),
        database = config.database_engine(),
        app_built = app.state.site.is_built(),
        accepted_lands = %efa_api::accounts::format_lands(&app.state.accepted_lands),
        "starting"
    );
    println!("efa-api listening on http://{addr}/");

    let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(false);
    let mut server = tokio::spawn(async move {
        efa_api::serve(listener, &app, async move {
            let _ = stop_rx.wait_for(|stop| *stop).await;
        })
        .await
    });

    tokio::select! {
        () = shutdown_signal() => {}
        result = &mut server => {
            // The server does not return by itself; if it did, something is badly wrong.
            eprintln!("efa-api: server stopped: {result:?}");
            return ExitCode::FAILURE;
        }
    }
    tracing::info!("shutting down, finishing in-flight requests");
    let _ = stop_tx.send(true);
    match tokio::time::timeout(Duration::from_secs(config.shutdown_grace_secs), server).await {
        Ok(Ok(Ok(()))) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Ok(_) => ExitCode::FAILURE,
        Err(_) => {
            tracing::warn!("grace period over, stopping with requests still open");
            ExitCode::FAILURE
        }
    }
}
