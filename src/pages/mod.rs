//! One module per step of the journey.

pub mod start;
