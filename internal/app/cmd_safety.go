package app

import (
	"context"
	"io"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/safety"
)

// maxScanBytes bounds the text scanned in one call (several seconds of
// scanning); a journal entry is a few kilobytes.
const maxScanBytes = 1 << 20

// runSafety dispatches the safety sub-verbs; today only "scan".
func runSafety(_ context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "scan" {
		return usagef("usage: afterward safety scan < text")
	}
	if len(args) > 1 {
		return usagef("safety scan takes no arguments; it reads text on standard input")
	}
	text, err := io.ReadAll(io.LimitReader(env.Stdin, maxScanBytes+1))
	if err != nil {
		// Standard input that cannot be read (a directory, say) is the
		// caller's input problem: one line, exit 2.
		return usagef("standard input cannot be read as text: %v", rootCause(err))
	}
	if len(text) > maxScanBytes {
		return usagef("standard input: larger than %d bytes", maxScanBytes)
	}
	if !utf8.Valid(text) {
		return usagef("standard input: not valid UTF-8")
	}
	return writeTriageJSON(env, safety.Scan(string(text)))
}
