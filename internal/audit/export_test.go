package audit

// EventHash exposes the plain SHA-256 link to tests that play an intruder
// recomputing the chain without the key, or build a pre-key chain.
var EventHash = eventHash
