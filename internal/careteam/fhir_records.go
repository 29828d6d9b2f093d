package careteam

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/fhir"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// SystemInstrument codes instruments (and their totals) that have no LOINC code.
const SystemInstrument = "https://afterward.dev/fhir/CodeSystem/instrument"

// QuestionnaireURL is the canonical URL of an instrument's Questionnaire.
func QuestionnaireURL(instrument string) string {
	return "https://afterward.dev/fhir/Questionnaire/" + instrument
}

// Contributors returns every record contributor for the bundle, after the
// core (FHIR). lookup finds an instrument's definition.
func Contributors(v Opener, lookup func(string) (*measure.Definition, bool)) []fhir.Contributor {
	return []fhir.Contributor{Sessions{}, Plans{Vault: v}, Measures{Vault: v, Lookup: lookup}, Referrals{Vault: v}, SharedDocuments{Vault: v}}
}

// each runs q and calls fn with each row; it closes rows before returning
// so fn's caller may query again on the same transaction.
func each(ctx context.Context, tx *store.Tx, q string, args []any, fn func(rows *sql.Rows) error) error {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func userRef(b *fhir.Builder, id int64) map[string]any {
	ref := "Practitioner/" + practitionerID(id)
	if !b.Has(ref) {
		return map[string]any{"display": "Afterward user " + strconv.FormatInt(id, 10)}
	}
	return map[string]any{"reference": ref}
}

// AppointmentStatus maps a session status to FHIR Appointment.status.
var AppointmentStatus = map[string]string{"booked": "booked", "held": "fulfilled", "cancelled": "cancelled", "no_show": "noshow"}

// Sessions contributes an Appointment per session and an Encounter
// (finished) per session held.
type Sessions struct{}

func (Sessions) ContributeFHIR(ctx context.Context, tx *store.Tx, clientID int64, b *fhir.Builder) error {
	return each(ctx, tx, `SELECT id, coach_id, starts_at, minutes, format, status FROM appointments WHERE client_id = ? ORDER BY starts_at`, []any{clientID},
		func(rows *sql.Rows) error {
			var id, coach int64
			var start time.Time
			var minutes int
			var format, status string
			if err := rows.Scan(&id, &coach, &start, &minutes, &format, &status); err != nil {
				return err
			}
			end := start.Add(time.Duration(minutes) * time.Minute)
			appt := fhir.Generic{"resourceType": "Appointment", "id": fmt.Sprintf("appointment-%d", id), "status": AppointmentStatus[status],
				"description": "Integration coaching session", "start": fhir.Instant(start), "end": fhir.Instant(end), "minutesDuration": minutes,
				"participant": []any{
					map[string]any{"actor": map[string]any{"reference": b.Patient().Reference}, "status": "accepted"},
					map[string]any{"actor": userRef(b, coach), "status": "accepted"},
				}}
			b.Add(appt)
			if status != "held" {
				return nil
			}
			class := map[string]any{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB", "display": "ambulatory"}
			if format == "video" {
				class = map[string]any{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "VR", "display": "virtual"}
			}
			b.Add(fhir.Generic{"resourceType": "Encounter", "id": fmt.Sprintf("encounter-%d", id), "status": "finished", "class": class,
				"subject": b.Patient(), "appointment": []any{map[string]any{"reference": appt.Ref()}},
				"participant": []any{map[string]any{"individual": userRef(b, coach)}},
				"period":      map[string]any{"start": fhir.Instant(start), "end": fhir.Instant(end)}})
			return nil
		})
}

// Plans contributes the integration plan as a CarePlan and each intention
// as a Goal.
type Plans struct{ Vault Opener }

func (p Plans) ContributeFHIR(ctx context.Context, tx *store.Tx, clientID int64, b *fhir.Builder) error {
	type goal struct {
		id     int64
		body   string
		sealed []byte
		at     time.Time
	}
	var rowsRead []goal
	err := each(ctx, tx, `SELECT id, body, body_sealed, created_at FROM intentions WHERE client_id = ? ORDER BY id`, []any{clientID}, func(rows *sql.Rows) error {
		var g goal
		if err := rows.Scan(&g.id, &g.body, &g.sealed, &g.at); err != nil {
			return err
		}
		rowsRead = append(rowsRead, g)
		return nil
	})
	if err != nil {
		return err
	}
	// Opened after the rows are closed: one connection cannot run the key
	// read while a result set is open (PostgreSQL).
	var goals []any
	for _, r := range rowsRead {
		body := r.body
		if r.sealed != nil && p.Vault != nil {
			plain, err := p.Vault.Open(ctx, tx, clientID, vault.AAD{Table: "intentions", RecordID: r.id, Field: "body_sealed"}, r.sealed)
			if err != nil && !errors.Is(err, vault.ErrErased) {
				return err
			}
			body = string(plain)
		}
		g := fhir.Generic{"resourceType": "Goal", "id": fmt.Sprintf("goal-%d", r.id), "lifecycleStatus": "active",
			"description": map[string]any{"text": body}, "subject": b.Patient(), "startDate": fhir.Date(r.at)}
		b.Add(g)
		goals = append(goals, map[string]any{"reference": g.Ref()})
	}
	return each(ctx, tx, `SELECT id, cadence, planned_sessions, session_minutes, follow_up_months, created_at FROM plans WHERE client_id = ?`, []any{clientID},
		func(rows *sql.Rows) error {
			var id int64
			var cadence, followUp string
			var sessions, minutes int
			var at time.Time
			if err := rows.Scan(&id, &cadence, &sessions, &minutes, &followUp, &at); err != nil {
				return err
			}
			cp := fhir.Generic{"resourceType": "CarePlan", "id": fmt.Sprintf("care-plan-%d", id), "status": "active", "intent": "plan",
				"title": "Integration plan", "subject": b.Patient(), "created": fhir.Instant(at),
				"description": fmt.Sprintf("%d sessions of %d minutes, %s; follow-up at %s months", sessions, minutes, cadence, followUp)}
			if len(goals) > 0 {
				cp["goal"] = goals
			}
			b.Add(cp)
			return nil
		})
}

// Measures contributes a Questionnaire per instrument used, and per
// response a QuestionnaireResponse (item answers opened from the vault)
// and an Observation of its total.
type Measures struct {
	Vault  Opener
	Lookup func(string) (*measure.Definition, bool)
}

type responseRow struct {
	id         int64
	instrument string
	at         time.Time
	total      sql.NullInt64
	severity   string
	answers    []byte
}

func (m Measures) ContributeFHIR(ctx context.Context, tx *store.Tx, clientID int64, b *fhir.Builder) error {
	var list []responseRow
	err := each(ctx, tx, `SELECT id, instrument, answered_at, total, severity, answers FROM measure_responses WHERE client_id = ? ORDER BY answered_at, id`,
		[]any{clientID}, func(rows *sql.Rows) error {
			var r responseRow
			err := rows.Scan(&r.id, &r.instrument, &r.at, &r.total, &r.severity, &r.answers)
			list = append(list, r)
			return err
		})
	if err != nil {
		return err
	}
	for _, r := range list {
		def, ok := m.Lookup(r.instrument)
		if !ok {
			continue
		}
		var answers []int
		if len(r.answers) > 0 {
			plain, err := m.Vault.Open(ctx, tx, clientID, vault.AAD{Table: "measure_responses", RecordID: r.id, Field: "answers"}, r.answers)
			if err != nil {
				return err
			}
			if err := json.Unmarshal(plain, &answers); err != nil {
				return fmt.Errorf("measure response %d: %w", r.id, err)
			}
		}
		b.Add(QuestionnaireResource(def))
		qr := QuestionnaireResponseResource(def, fmt.Sprintf("questionnaire-response-%d", r.id), b.Patient().Reference, r.at, answers)
		b.Add(qr)
		if r.total.Valid {
			b.Add(observation(b, def, r, qr.Ref()))
		}
	}
	return nil
}

// TotalCode is the Observation code for an instrument's total: LOINC when
// the instrument has one (PHQ-9 44261-6, GAD-7 70274-6), our own otherwise.
func TotalCode(def *measure.Definition) map[string]any {
	if def.LOINC.Total != "" {
		return map[string]any{"system": fhir.SystemLOINC, "code": def.LOINC.Total, "display": def.Title + " total score"}
	}
	return map[string]any{"system": SystemInstrument, "code": def.ID + "-total", "display": def.Title + " total score"}
}

func observation(b *fhir.Builder, def *measure.Definition, r responseRow, qrRef string) fhir.Generic {
	o := fhir.Generic{"resourceType": "Observation", "id": fmt.Sprintf("observation-%d", r.id), "status": "final",
		"category": []any{map[string]any{"coding": []any{map[string]any{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey", "display": "Survey"}}}},
		"code":     map[string]any{"coding": []any{TotalCode(def)}, "text": def.Title + " total score"},
		"subject":  b.Patient(), "effectiveDateTime": fhir.Instant(r.at), "valueInteger": r.total.Int64,
		"derivedFrom": []any{map[string]any{"reference": qrRef}}}
	if r.severity != "" {
		o["interpretation"] = []any{map[string]any{"text": strings.ReplaceAll(r.severity, "_", " ")}}
	}
	return o
}

// QuestionnaireResource is an instrument as a FHIR Questionnaire.
func QuestionnaireResource(def *measure.Definition) fhir.Generic {
	code := map[string]any{"system": SystemInstrument, "code": def.ID, "display": def.Title}
	if def.LOINC.Panel != "" {
		code = map[string]any{"system": fhir.SystemLOINC, "code": def.LOINC.Panel, "display": def.Title}
	}
	items := make([]any, 0, def.ItemCount)
	for i := 0; i < def.ItemCount; i++ {
		text := fmt.Sprintf("Item %d", i+1)
		if i < len(def.Items) && def.Items[i].Text != "" {
			text = def.Items[i].Text
		}
		items = append(items, map[string]any{"linkId": ItemLinkID(i), "text": text, "type": "integer"})
	}
	return fhir.Generic{"resourceType": "Questionnaire", "id": "questionnaire-" + def.ID, "url": QuestionnaireURL(def.ID),
		"name": strings.ToUpper(def.ID), "title": def.Title, "status": "active", "code": []any{code}, "item": items}
}

// ItemLinkID names item i (0-based) in Questionnaires and responses.
func ItemLinkID(i int) string { return "item" + strconv.Itoa(i+1) }

// QuestionnaireResponseResource is one response; answers may be empty
// (older responses stored without item answers).
func QuestionnaireResponseResource(def *measure.Definition, id, subject string, at time.Time, answers []int) fhir.Generic {
	qr := fhir.Generic{"resourceType": "QuestionnaireResponse", "id": id, "questionnaire": QuestionnaireURL(def.ID),
		"status": "completed", "subject": map[string]any{"reference": subject}, "authored": fhir.Instant(at)}
	var items []any
	for i, a := range answers {
		items = append(items, map[string]any{"linkId": ItemLinkID(i), "answer": []any{map[string]any{"valueInteger": a}}})
	}
	if len(items) > 0 {
		qr["item"] = items
	}
	return qr
}

// ReferralsOfClient selects (as r) a client's referrals: out, and in —
// matched by address within the practice, since a referral is made before
// the person has an account. It takes the client id twice.
const ReferralsOfClient = `(r.client_id = ? OR (r.direction = 'in' AND EXISTS (SELECT 1 FROM users ru
	WHERE ru.id = ? AND ru.email = r.email AND ru.practice_id = r.practice_id)))`

// Referrals contributes a ServiceRequest per referral about the client.
type Referrals struct{ Vault Opener }

func (src Referrals) ContributeFHIR(ctx context.Context, tx *store.Tx, clientID int64, b *fhir.Builder) error {
	type referral struct {
		id, practiceID                                            int64
		referrer                                                  sql.NullInt64
		direction, referrerName, partner, reason, urgency, status string
		sealed                                                    []byte
		at                                                        time.Time
	}
	var list []referral
	var subjects []int64
	err := each(ctx, tx, `SELECT r.id, r.practice_id, r.direction, r.referrer_id, r.referrer_name, r.partner_name, r.reason, r.reason_sealed, r.urgency, r.status, r.created_at
		FROM referrals r WHERE `+ReferralsOfClient+` ORDER BY r.id`, []any{clientID, clientID},
		func(rows *sql.Rows) error {
			var r referral
			err := rows.Scan(&r.id, &r.practiceID, &r.direction, &r.referrer, &r.referrerName, &r.partner, &r.reason, &r.sealed, &r.urgency, &r.status, &r.at)
			list, subjects = append(list, r), append(subjects, ReferralSubject(r.direction, clientID, r.practiceID))
			return err
		})
	if err != nil {
		return err
	}
	open, err := src.Vault.OpenersFor(ctx, tx, subjects)
	if err != nil {
		return err
	}
	for i, r := range list {
		reason, err := open.Text(subjects[i], referralReasonAAD(r.id), r.reason, r.sealed)
		if err != nil {
			return err
		}
		sr := fhir.Generic{"resourceType": "ServiceRequest", "id": fmt.Sprintf("referral-%d", r.id), "status": ServiceRequestStatus(r.status),
			"intent": "order", "priority": map[string]string{"routine": "routine", "soon": "asap", "urgent": "urgent"}[r.urgency],
			"subject": b.Patient(), "authoredOn": fhir.Instant(r.at),
			"code": map[string]any{"text": map[string]string{"in": "Referral to integration coaching", "out": "Referral to " + r.partner}[r.direction]}}
		if reason != "" {
			sr["reasonCode"] = []any{map[string]any{"text": reason}}
		}
		if r.referrer.Valid {
			sr["requester"] = userRef(b, r.referrer.Int64)
		} else if r.referrerName != "" {
			sr["requester"] = map[string]any{"display": r.referrerName}
		}
		if r.partner != "" {
			sr["performer"] = []any{map[string]any{"display": r.partner}}
		}
		b.Add(sr)
	}
	return nil
}

// ServiceRequestStatus maps a referral status to FHIR.
func ServiceRequestStatus(status string) string {
	switch status {
	case "accepted":
		return "completed"
	case "closed":
		return "revoked"
	}
	return "active"
}

// SharedDocuments contributes a DocumentReference per approved summary.
type SharedDocuments struct{ Vault Opener }

func (d SharedDocuments) ContributeFHIR(ctx context.Context, tx *store.Tx, clientID int64, b *fhir.Builder) error {
	list, err := readSummaries(ctx, tx, d.Vault, `s.client_id = ? AND s.status = 'approved'`, clientID)
	if err != nil {
		return err
	}
	for _, x := range list {
		b.Add(fhir.Generic{"resourceType": "DocumentReference", "id": fmt.Sprintf("summary-%d", x.ID), "status": "current",
			"type":    map[string]any{"coding": []any{map[string]any{"system": fhir.SystemLOINC, "code": "11506-3", "display": "Progress note"}}, "text": "Coach summary"},
			"subject": b.Patient(), "date": fhir.Instant(x.CreatedAt), "author": []any{userRef(b, x.CoachID)}, "description": x.Title,
			"content": []any{map[string]any{"attachment": map[string]any{"contentType": "text/plain; charset=utf-8", "title": x.Title,
				"data": base64.StdEncoding.EncodeToString([]byte(x.Body)), "creation": fhir.Instant(x.CreatedAt)}}}})
	}
	return nil
}
