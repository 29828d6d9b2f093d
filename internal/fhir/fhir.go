// Package fhir writes a client's record as a FHIR R4 Bundle (type
// collection) that other health systems can read: Patient, Practitioner,
// CareTeam and Consent from the core, and whatever each domain contributes
// (appointments and encounters, care plans and goals, questionnaire
// responses and observations, referrals, shared summaries). It writes plain
// R4 JSON with typed structs; tests validate the output with Google's
// independent FHIR implementation.
package fhir

import (
	"encoding/json"
	"fmt"
	"time"
)

// Systems for codes and identifiers of our own.
const (
	SystemShareCategory = "https://afterward.dev/fhir/CodeSystem/share-category"
	SystemClientID      = "https://afterward.dev/fhir/NamingSystem/client-id"
	SystemUserID        = "https://afterward.dev/fhir/NamingSystem/user-id"
	SystemLOINC         = "http://loinc.org"
)

// Resource is any FHIR resource we write.
type Resource interface {
	// Ref is "Type/id", the resource's local reference.
	Ref() string
}

// Entry is one bundle entry.
type Entry struct {
	FullURL  string   `json:"fullUrl"`
	Resource Resource `json:"resource"`
}

// Bundle is a FHIR Bundle of type collection.
type Bundle struct {
	ResourceType string      `json:"resourceType"`
	ID           string      `json:"id"`
	Type         string      `json:"type"`
	Timestamp    string      `json:"timestamp"`
	Identifier   *Identifier `json:"identifier,omitempty"`
	Entry        []Entry     `json:"entry"`
}

// Builder collects resources for one client's bundle. Contributors add
// their resources; references use "Type/id" resolved within the bundle.
type Builder struct {
	base      string
	PatientID string
	bundle    Bundle
	seen      map[string]bool
}

// NewBuilder starts a bundle; base is the server's public URL.
func NewBuilder(base string, clientID int64, at time.Time) *Builder {
	return &Builder{
		base:      base,
		PatientID: fmt.Sprintf("client-%d", clientID),
		seen:      map[string]bool{},
		bundle: Bundle{ResourceType: "Bundle", ID: fmt.Sprintf("export-client-%d-%d", clientID, at.Unix()), Type: "collection",
			Timestamp: Instant(at)},
	}
}

// Add puts a resource in the bundle once (by reference).
func (b *Builder) Add(r Resource) {
	ref := r.Ref()
	if b.seen[ref] {
		return
	}
	b.seen[ref] = true
	b.bundle.Entry = append(b.bundle.Entry, Entry{FullURL: b.base + "/fhir/" + ref, Resource: r})
}

// Has reports whether a reference is already in the bundle.
func (b *Builder) Has(ref string) bool { return b.seen[ref] }

// Patient is the reference to the bundle's patient.
func (b *Builder) Patient() *Reference { return &Reference{Reference: "Patient/" + b.PatientID} }

// JSON renders the bundle.
func (b *Builder) JSON() ([]byte, error) { return json.MarshalIndent(b.bundle, "", "  ") }

// Bundle returns the bundle built so far.
func (b *Builder) Bundle() Bundle { return b.bundle }

// Instant formats a FHIR instant (UTC, seconds precision).
func Instant(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// Date formats a FHIR date.
func Date(t time.Time) string { return t.UTC().Format("2006-01-02") }
