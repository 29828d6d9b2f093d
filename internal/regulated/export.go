package regulated

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/addendum"
	"github.com/afterward/afterward/internal/fhir"
	"github.com/afterward/afterward/internal/store"
)

// The client's regulated records leave in their own data export (the JSON
// document of privacy.Export) and in their FHIR bundle. Both run inside
// the transaction in which the caller authorized and audited the export.

// Exporter contributes the regulated records to the client's exports.
type Exporter struct{ svc *Service }

// Exporter returns the service's exporter.
func (s *Service) Exporter() Exporter { return Exporter{svc: s} }

// ExportSection names the section of the JSON export.
func (Exporter) ExportSection() string { return "regulated_records" }

type formExport struct {
	Form       string            `json:"form"`
	Title      string            `json:"title"`
	Version    int               `json:"version"`
	SignedAt   time.Time         `json:"signed_at"`
	SignedName string            `json:"signed_name"`
	SHA256     string            `json:"document_sha256"`
	OptOut     bool              `json:"opted_out_of_reporting,omitempty"`
	Answers    map[string]string `json:"answers"`
	Document   string            `json:"document"`
	Addenda    []addendumExport  `json:"addenda"`
}

type sessionExport struct {
	Kind               string           `json:"session_type"`
	StartedAt          time.Time        `json:"started_at"`
	EndedAt            time.Time        `json:"ended_at"`
	Group              bool             `json:"group_session"`
	ProductID          string           `json:"product_id,omitempty"`
	Amount             string           `json:"amount,omitempty"`
	Dose               string           `json:"dose,omitempty"`
	Intention          string           `json:"intention,omitempty"`
	TransportFollowed  *bool            `json:"transportation_plan_followed,omitempty"`
	Deviation          string           `json:"transportation_deviation,omitempty"`
	MedicalCare        bool             `json:"adverse_reaction_needing_medical_care"`
	AdverseSeverity    string           `json:"adverse_reaction_severity,omitempty"`
	IntegrationOffered bool             `json:"integration_offered"`
	CertifiedBy        string           `json:"integration_certified_by,omitempty"`
	CertifiedAt        *time.Time       `json:"integration_certified_at,omitempty"`
	RecordedBy         string           `json:"recorded_by"`
	Addenda            []addendumExport `json:"addenda"`
}

type addendumExport struct {
	Author    string    `json:"author"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
}

type denialExport struct {
	Reason   string    `json:"reason"`
	DeniedAt time.Time `json:"denied_at"`
}

type recordsExport struct {
	Forms    []formExport    `json:"signed_forms"`
	Sessions []sessionExport `json:"session_log"`
	Denials  []denialExport  `json:"denials_of_service"`
}

// Export is the client's regulated records for the JSON export: every
// signed form with its answers and document, the session log about them,
// denials of service, and their addenda.
func (x Exporter) Export(ctx context.Context, tx *store.Tx, clientID int64) (any, error) {
	forms, sessions, err := x.svc.records(ctx, tx, clientID)
	if err != nil {
		return nil, err
	}
	out := recordsExport{Forms: []formExport{}, Sessions: []sessionExport{}, Denials: []denialExport{}}
	for _, g := range forms {
		out.Forms = append(out.Forms, formExport{Form: g.FormKey, Title: g.Title, Version: g.Version, SignedAt: g.SignedAt, SignedName: g.Name,
			SHA256: g.Hash, OptOut: g.OptOut, Answers: g.Answers, Document: g.Text, Addenda: addendaExport(g.Addenda)})
	}
	for _, e := range sessions {
		out.Sessions = append(out.Sessions, sessionExport{Kind: string(e.Kind), StartedAt: e.StartedAt, EndedAt: e.EndedAt, Group: e.Group,
			ProductID: e.ProductID, Amount: e.Amount, Dose: e.Dose, Intention: e.Intention, TransportFollowed: e.TransportFollowed, Deviation: e.Deviation,
			MedicalCare: e.MedicalCare, AdverseSeverity: string(e.AdverseSeverity), IntegrationOffered: e.IntegrationOffered,
			CertifiedBy: e.CertifiedBy, CertifiedAt: e.CertifiedAt, RecordedBy: e.RecordedBy, Addenda: addendaExport(e.Addenda)})
	}
	err = eachRow(ctx, tx, `SELECT reason, denied_at FROM regulated_denials WHERE client_id = ? ORDER BY denied_at, id`, []any{clientID},
		func(sc func(...any) error) error {
			var d denialExport
			err := sc(&d.Reason, &d.DeniedAt)
			d.DeniedAt = d.DeniedAt.UTC()
			out.Denials = append(out.Denials, d)
			return err
		})
	return out, err
}

func addendaExport(list []addendum.Addendum) []addendumExport {
	out := make([]addendumExport, 0, len(list))
	for _, a := range list {
		out = append(out, addendumExport{Author: a.Author, Text: a.Text, CreatedAt: a.CreatedAt})
	}
	return out
}

// ContributeFHIR adds each signed form as a DocumentReference (the exact
// document signed, as text) and each logged session as a Procedure (its
// period; for an administration the product, amount and dose as a note and
// a reaction needing medical care as a complication). The client's
// addenda go with each as notes or related text.
func (x Exporter) ContributeFHIR(ctx context.Context, tx *store.Tx, clientID int64, b *fhir.Builder) error {
	forms, sessions, err := x.svc.records(ctx, tx, clientID)
	if err != nil {
		return err
	}
	for _, g := range forms {
		doc := g.Text
		for _, a := range g.Addenda {
			doc += "\nAddendum by " + a.Author + ", " + fhir.Instant(a.CreatedAt) + ":\n" + a.Text + "\n"
		}
		b.Add(fhir.Generic{"resourceType": "DocumentReference", "id": fmt.Sprintf("regulated-form-%d", g.ID), "status": "current",
			"type": map[string]any{"text": g.Title}, "subject": b.Patient(), "date": fhir.Instant(g.SignedAt),
			"description": fmt.Sprintf("%s, version %d, signed by %s; document SHA-256 %s", g.Title, g.Version, g.Name, g.Hash),
			"content": []any{map[string]any{"attachment": map[string]any{"contentType": "text/plain; charset=utf-8", "title": g.Title,
				"data": base64.StdEncoding.EncodeToString([]byte(doc)), "creation": fhir.Instant(g.SignedAt)}}}})
	}
	for _, e := range sessions {
		p := fhir.Generic{"resourceType": "Procedure", "id": fmt.Sprintf("regulated-session-%d", e.ID), "status": "completed",
			"code": map[string]any{"text": e.Kind.Label() + " session"}, "subject": b.Patient(),
			"performedPeriod": map[string]any{"start": fhir.Instant(e.StartedAt), "end": fhir.Instant(e.EndedAt)},
			"recorder":        map[string]any{"display": e.RecordedBy}}
		var notes []any
		if e.Kind == Administration {
			dose := "single dose"
			if e.Dose == MultipleDose {
				dose = "multiple doses"
			}
			notes = append(notes, map[string]any{"text": "Product " + e.ProductID + "; amount " + e.Amount + "; " + dose})
			if e.MedicalCare {
				c := "Adverse reaction needing medical or emergency care"
				if e.AdverseSeverity != "" {
					c += " (" + strings.ToLower(e.AdverseSeverity.Label()) + ")"
				}
				p["complication"] = []any{map[string]any{"text": c}}
			}
		}
		for _, a := range e.Addenda {
			notes = append(notes, map[string]any{"authorString": a.Author, "time": fhir.Instant(a.CreatedAt), "text": a.Text})
		}
		if len(notes) > 0 {
			p["note"] = notes
		}
		b.Add(p)
	}
	return nil
}

// records reads the client's signed forms (newest first) and session log
// (oldest first), opened, with their addenda, in tx.
func (s *Service) records(ctx context.Context, tx *store.Tx, clientID int64) ([]Signed, []Entry, error) {
	sigs, err := signaturesOf(ctx, tx, clientID)
	if err != nil {
		return nil, nil, err
	}
	forms := make([]Signed, 0, len(sigs))
	for _, g := range sigs {
		opened, err := s.openSigned(ctx, tx, g.ID)
		if err != nil {
			return nil, nil, err
		}
		forms = append(forms, opened)
	}
	sessions, err := s.entries(ctx, tx, `e.client_id = ?`, clientID)
	return forms, sessions, err
}
