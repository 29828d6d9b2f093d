// Package agreement is the practice's coaching agreement: a versioned
// document (each admin edit a new version) that a client signs in the
// browser by typing their full name, before they can book a session.
//
// A signature records the version, the time, the SHA-256 of the exact text
// the client was shown (with the practice's fees as they stood) and,
// sealed under the client's data key, the typed name and that text, so the
// signed document can be shown and downloaded as PDF later and is shredded
// with the client's other content on erasure.
package agreement

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/errs"
)

// DefaultText is the agreement a practice starts with: scope (coaching is
// not therapy or medical care), confidentiality and its limits, fees and
// cancellation, and how crises are handled. {{practice}} and {{fees}} are
// filled in when the agreement is shown.
//
//go:embed default.txt
var DefaultText string

// Placeholders an admin's text may use; {{fees}} is required so that the
// agreement always states the practice's real fees and cancellation terms.
const (
	FeesPlaceholder     = "{{fees}}"
	PracticePlaceholder = "{{practice}}"
)

// MaxBody bounds the agreement's text.
const MaxBody = 20000

// Document is one version of a practice's agreement as a client reads it.
type Document struct {
	VersionID int64 // 0 while the practice still uses the shipped default
	Version   int
	Body      string // the template, with placeholders
	Text      string // what the client reads and signs
	Hash      string // hex SHA-256 of Text
	CreatedAt time.Time
}

// Signature is a client's signature of one version.
type Signature struct {
	ID        int64
	ClientID  int64
	VersionID int64
	Version   int
	SignedAt  time.Time
	Hash      string
	Current   bool // of the practice's current version
}

// Signed is a signature with its sealed parts opened: the typed name and
// the exact text signed.
type Signed struct {
	Signature
	Name, Text, Practice string
}

// Status is whether a client has signed the current version.
type Status struct {
	Current Document
	Signed  *Signature // the signature of the current version, if any
	Earlier []Signature
}

// render fills the placeholders and hashes the result.
func render(body, practice, fees string) (text, hash string) {
	text = strings.ReplaceAll(body, PracticePlaceholder, practice)
	text = strings.ReplaceAll(text, FeesPlaceholder, fees)
	return text, HashOf(text)
}

// HashOf is the hex SHA-256 of a document's exact text.
func HashOf(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// ValidateBody checks an admin's edit.
func ValidateBody(body string) error {
	body = strings.TrimSpace(body)
	v := errs.Validation{}
	switch {
	case body == "":
		v.Add("body", "write the agreement's text")
	case len(body) > MaxBody:
		v.Add("body", "keep the agreement under 20,000 characters")
	case !strings.Contains(body, FeesPlaceholder):
		v.Add("body", "keep {{fees}} where the fees and cancellation terms go, so the agreement states the practice's real terms")
	}
	return v.Err()
}

// nameMatches reports whether the typed name is the account's full name,
// ignoring case and extra spaces.
func nameMatches(typed, full string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(typed) != "" && norm(typed) == norm(full)
}
