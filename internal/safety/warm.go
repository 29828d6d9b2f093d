package safety

// Warm does the one-time work of the first scan now — training the learned
// layers from the embedded corpus and building the phrase automaton — so a
// server pays it before it listens, not inside a client's first journal
// save (about a second of CPU, more on a loaded machine).
func Warm() { _ = Scan("A quiet walk by the river this morning.") }
