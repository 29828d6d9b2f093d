package careteam

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/fhir"
	"github.com/afterward/afterward/internal/store"
)

// FHIR contributes the core of a client's bundle: the Patient, their coach
// and clinicians as Practitioners, the CareTeam and every Consent.
type FHIR struct {
	Now   func() time.Time
	Vault Opener // opens consent purposes
}

func practitionerID(id int64) string { return fmt.Sprintf("user-%d", id) }

func (f FHIR) ContributeFHIR(ctx context.Context, tx *store.Tx, clientID int64, b *fhir.Builder) error {
	var name, email string
	var coachID sql.NullInt64
	var coachName, coachEmail sql.NullString
	err := tx.QueryRow(ctx, `SELECT u.name, u.email, c.coach_id, co.name, co.email FROM clients c JOIN users u ON u.id = c.user_id
		LEFT JOIN users co ON co.id = c.coach_id WHERE c.user_id = ?`, clientID).Scan(&name, &email, &coachID, &coachName, &coachEmail)
	if err != nil {
		return store.NotFound(err, "client")
	}
	b.Add(fhir.Patient{ResourceType: "Patient", ID: b.PatientID, Active: true,
		Identifier: []fhir.Identifier{{System: fhir.SystemClientID, Value: strconv.FormatInt(clientID, 10)}},
		Name:       []fhir.HumanName{{Text: name}}, Telecom: []fhir.ContactPoint{{System: "email", Value: email}}})
	team := fhir.CareTeam{ResourceType: "CareTeam", ID: fmt.Sprintf("care-team-%d", clientID), Status: "active",
		Name: "Integration care team", Subject: b.Patient()}
	if coachID.Valid {
		team.Participant = append(team.Participant, f.addPractitioner(b, coachID.Int64, coachName.String, coachEmail.String, "Integration coach"))
	}
	consents, err := f.consents(ctx, tx, clientID)
	if err != nil {
		return err
	}
	for _, c := range consents {
		if c.Active(f.Now()) {
			team.Participant = append(team.Participant, f.addPractitioner(b, c.RecipientID, c.RecipientName, "", "Clinician (shares by consent)"))
		} else {
			f.addPractitioner(b, c.RecipientID, c.RecipientName, "", "")
		}
		b.Add(consentResource(b, c, f.Now()))
	}
	b.Add(team)
	return nil
}

func (f FHIR) addPractitioner(b *fhir.Builder, id int64, name, email, role string) fhir.CareTeamParticipant {
	p := fhir.Practitioner{ResourceType: "Practitioner", ID: practitionerID(id), Name: []fhir.HumanName{{Text: name}},
		Identifier: []fhir.Identifier{{System: fhir.SystemUserID, Value: strconv.FormatInt(id, 10)}}}
	if email != "" {
		p.Telecom = []fhir.ContactPoint{{System: "email", Value: email}}
	}
	b.Add(p)
	return fhir.CareTeamParticipant{Role: []fhir.CodeableConcept{fhir.TextConcept(role)}, Member: &fhir.Reference{Reference: p.Ref(), Display: name}}
}

func consentResource(b *fhir.Builder, c Consent, now time.Time) fhir.Consent {
	status := "active"
	if !c.Active(now) {
		status = "inactive"
	}
	prov := &fhir.Provision{Type: "permit", Period: &fhir.Period{Start: fhir.Instant(c.StartsAt)},
		Actor: []fhir.ProvisionActor{{
			Role:      fhir.Concept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"),
			Reference: fhir.Reference{Reference: "Practitioner/" + practitionerID(c.RecipientID), Display: c.RecipientName},
		}}}
	end := c.EndsAt
	if c.RevokedAt != nil {
		end = c.RevokedAt
	}
	if end != nil {
		prov.Period.End = fhir.Instant(*end)
	}
	for _, cat := range c.Categories {
		prov.Code = append(prov.Code, fhir.Concept(fhir.SystemShareCategory, string(cat), CategoryLabels[cat]))
	}
	return fhir.Consent{ResourceType: "Consent", ID: fmt.Sprintf("consent-%d", c.ID), Status: status,
		Scope:      fhir.Concept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
		Category:   []fhir.CodeableConcept{fhir.Concept(fhir.SystemLOINC, "59284-0", "Patient Consent")},
		Patient:    b.Patient(),
		DateTime:   fhir.Instant(c.StartsAt),
		PolicyRule: &fhir.CodeableConcept{Coding: []fhir.Coding{{System: "http://terminology.hl7.org/CodeSystem/v3-ActCode", Code: "OPTIN"}}, Text: c.Purpose},
		Provision:  prov,
	}
}

func (f FHIR) consents(ctx context.Context, tx *store.Tx, clientID int64) ([]Consent, error) {
	rows, err := tx.Query(ctx, `SELECT k.id, k.recipient_id, ru.name, k.purpose, k.purpose_sealed, k.starts_at, k.ends_at, k.revoked_at
		FROM consents k JOIN users ru ON ru.id = k.recipient_id WHERE k.client_id = ? ORDER BY k.id`, clientID)
	if err != nil {
		return nil, err
	}
	var out []Consent
	for rows.Next() {
		var c Consent
		var ends, revoked sql.NullTime
		if err := rows.Scan(&c.ID, &c.RecipientID, &c.RecipientName, &c.Purpose, &c.sealedPurpose, &c.StartsAt, &ends, &revoked); err != nil {
			rows.Close()
			return nil, err
		}
		c.ClientID, c.EndsAt, c.RevokedAt = clientID, timePtr(ends), timePtr(revoked)
		out = append(out, c)
	}
	rows.Close()
	for i := range out {
		var err error
		if out[i].Purpose, err = OpenPurpose(ctx, f.Vault, tx, clientID, out[i].ID, out[i].Purpose, out[i].sealedPurpose); err != nil {
			return nil, err
		}
	}
	for i := range out {
		cats, err := categoriesOf(ctx, tx, out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].Categories = cats
	}
	return out, rows.Err()
}
