package app

import (
	"context"
	"encoding/json"
	"io"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/vetting"
)

// maxProfileBytes bounds what vet-profile reads: far above any real
// profile, low enough that a mistaken pipe cannot exhaust memory.
const maxProfileBytes = 16 << 20

// vetFlag is one flag as printed: the admin queue needs only the category
// and the sentence to highlight.
type vetFlag struct {
	Category vetting.Category `json:"category"`
	Excerpt  string           `json:"excerpt"`
}

type vetResult struct {
	Flags []vetFlag `json:"flags"`
}

// runVetProfile reads profile text on standard input and prints the flags
// an admin must review before the profile goes public.
func runVetProfile(_ context.Context, env Env, args []string) error {
	if len(args) > 0 {
		return usagef("vet-profile takes no arguments; it reads the profile text on standard input")
	}
	text, err := readProfile(env.Stdin)
	if err != nil {
		return err
	}
	result := vetResult{Flags: []vetFlag{}}
	for _, f := range vetting.Screen(text) {
		result.Flags = append(result.Flags, vetFlag{Category: f.Category, Excerpt: f.Excerpt})
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(result)
}

// readProfile reads standard input whole and checks it is UTF-8 text.
func readProfile(stdin io.Reader) (string, error) {
	if stdin == nil {
		return "", nil
	}
	data, err := io.ReadAll(io.LimitReader(stdin, maxProfileBytes+1))
	if err != nil {
		return "", usagef("vet-profile: standard input cannot be read as text: %v", rootCause(err))
	}
	if len(data) > maxProfileBytes {
		return "", usagef("vet-profile: profile text is larger than %d bytes", maxProfileBytes)
	}
	if !utf8.Valid(data) {
		return "", usagef("vet-profile: profile text is not valid UTF-8")
	}
	return string(data), nil
}
