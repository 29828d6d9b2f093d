package vetting

// Warm trains the learned layer now, so a server pays for it before it
// listens rather than in the first profile an admin screens. The rules'
// expressions are left to compile on first use (lazyRegexp): most stay
// behind gates a server's screens rarely open.
func Warm() { _ = Screen("I offer integration coaching after retreats.") }
