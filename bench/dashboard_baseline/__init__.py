"""The continuity dashboard as it was before issue 12, for `bench.continuity_dashboard` to time in the same run."""
