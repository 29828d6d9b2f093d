package audit

// EventHash exposes the plain SHA-256 link to tests that play an intruder
// recomputing the chain without the key, or build a pre-key chain.
var EventHash = eventHash

// GuessCounts is how many batches were written at a guessed tip, and how
// many guesses were wrong, since the process started.
func GuessCounts() (guessedWrites, wrongGuesses int64) { return guessed.Load(), misses.Load() }
