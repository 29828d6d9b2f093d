package vetting

// Warm trains the learned layer and builds the rules now, so a server pays
// for them before it listens rather than in the first profile an admin
// screens.
func Warm() { _ = Screen("I offer integration coaching after retreats.") }
