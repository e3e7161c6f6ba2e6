//! The tree against the toml crate: same documents accepted, same values at
//! the same spans, same errors.
