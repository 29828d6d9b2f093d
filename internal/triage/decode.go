package triage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// MaxIntakeBytes bounds the input: a real intake is a few hundred bytes.
const MaxIntakeBytes = 1 << 20

// Number of items of each questionnaire.
const (
	phq9Items = 9
	gad7Items = 7
	pcl5Items = 20
)

// FieldError names the offending field by its JSON path (experience.date,
// cssrs.q4, phq9[3]) and says what is wrong with it, without echoing the
// value: the value may be clinical.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

func fieldErr(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

var (
	substances = []string{"psilocybin", "mdma", "lsd", "ayahuasca", "ketamine", "dmt", "5-meo-dmt", "mescaline", "ibogaine", "other"}
	contexts   = []string{"clinical_trial", "legal_service", "ceremonial", "personal", ContextUnintentional}
	psychoses  = []string{None, PsychosisPast, PsychosisCurrent}
	bipolars   = []string{None, BipolarII, BipolarI}
	substUses  = []string{None, SubstanceUseMild, SubstanceUseModerate, SubstanceUseSevere}
)

// Decode reads one intake as a JSON object and validates it strictly:
// unknown or duplicate keys, wrong JSON types, null for a required field,
// values out of range, wrong item counts, unparseable dates, an experience
// after submitted_at and anything after the object are all rejected with a
// *FieldError. Null for an optional field means the field is absent.
// submitted_at defaults to now.
func Decode(r io.Reader, now time.Time) (Intake, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxIntakeBytes+1))
	if err != nil {
		return Intake{}, fieldErr("intake", "cannot read: %v", err)
	}
	if len(data) > MaxIntakeBytes {
		return Intake{}, fieldErr("intake", "larger than %d bytes", MaxIntakeBytes)
	}
	raw, err := singleValue(data)
	if err != nil {
		return Intake{}, err
	}
	top, err := object(raw, "intake", []string{"submitted_at", "experience", "history", "current", "cssrs", "phq9", "gad7", "pcl5"})
	if err != nil {
		return Intake{}, err
	}
	return decodeIntake(top, now)
}

func decodeIntake(top fields, now time.Time) (Intake, error) {
	in := Intake{SubmittedAt: now}
	var err error
	if v, ok := top.optional("submitted_at"); ok {
		if in.SubmittedAt, err = timestamp(v, "submitted_at"); err != nil {
			return Intake{}, err
		}
	}
	if in.Experience, err = decodeExperience(top); err != nil {
		return Intake{}, err
	}
	if in.Experience.Date.After(in.SubmittedAt) {
		return Intake{}, fieldErr("experience.date", "is after submitted_at")
	}
	if FirstSessionDue(in.Experience.Date).Year() > 9999 {
		// RFC 3339 cannot write the due date of such an experience.
		return Intake{}, fieldErr("experience.date", "is too far in the future")
	}
	if in.History, err = decodeHistory(top); err != nil {
		return Intake{}, err
	}
	if in.Current, err = decodeCurrent(top); err != nil {
		return Intake{}, err
	}
	if in.CSSRS, err = decodeCSSRS(top); err != nil {
		return Intake{}, err
	}
	if in.PHQ9, err = scores(top, "phq9", phq9Items, 3); err != nil {
		return Intake{}, err
	}
	if in.GAD7, err = scores(top, "gad7", gad7Items, 3); err != nil {
		return Intake{}, err
	}
	if in.PCL5, err = scores(top, "pcl5", pcl5Items, 4); err != nil {
		return Intake{}, err
	}
	return in, nil
}

func decodeExperience(top fields) (Experience, error) {
	raw, err := top.required("experience")
	if err != nil {
		return Experience{}, err
	}
	f, err := object(raw, "experience", []string{"date", "substance", "context"})
	if err != nil {
		return Experience{}, err
	}
	var e Experience
	v, err := f.required("date")
	if err == nil {
		e.Date, err = timestamp(v, "experience.date")
	}
	if err == nil {
		e.Substance, err = requiredEnum(f, "substance", substances)
	}
	if err == nil {
		e.Context, err = requiredEnum(f, "context", contexts)
	}
	return e, err
}

func decodeHistory(top fields) (History, error) {
	h := History{Psychosis: None, Bipolar: None, SubstanceUse: None}
	f, err := optionalObject(top, "history", []string{"psychosis", "bipolar", "mood_episode_now", "substance_use", "substance_use_in_remission"})
	if err != nil || f.raw == nil {
		return h, err
	}
	if h.Psychosis, err = optionalEnum(f, "psychosis", psychoses); err != nil {
		return h, err
	}
	if h.Bipolar, err = optionalEnum(f, "bipolar", bipolars); err != nil {
		return h, err
	}
	if h.MoodEpisodeNow, err = optionalBool(f, "mood_episode_now"); err != nil {
		return h, err
	}
	if h.SubstanceUse, err = optionalEnum(f, "substance_use", substUses); err != nil {
		return h, err
	}
	h.SubstanceUseInRemission, err = optionalBool(f, "substance_use_in_remission")
	return h, err
}

func decodeCurrent(top fields) (Current, error) {
	var c Current
	f, err := optionalObject(top, "current", []string{"has_therapist", "medical_emergency", "adverse_reaction"})
	if err != nil || f.raw == nil {
		return c, err
	}
	if c.HasTherapist, err = optionalBool(f, "has_therapist"); err != nil {
		return c, err
	}
	if c.MedicalEmergency, err = optionalBool(f, "medical_emergency"); err != nil {
		return c, err
	}
	c.AdverseReaction, err = optionalBool(f, "adverse_reaction")
	return c, err
}

// decodeCSSRS requires the cssrs object but treats a missing answer as no.
func decodeCSSRS(top fields) (CSSRS, error) {
	var c CSSRS
	raw, err := top.required("cssrs")
	if err != nil {
		return c, err
	}
	f, err := object(raw, "cssrs", []string{"q1", "q2", "q3", "q4", "q5", "q6", "q6_within_3_months"})
	if err != nil {
		return c, err
	}
	targets := []*bool{&c.Q1, &c.Q2, &c.Q3, &c.Q4, &c.Q5, &c.Q6, &c.Q6Within3Months}
	for i, key := range f.allowed {
		if *targets[i], err = optionalBool(f, key); err != nil {
			return c, err
		}
	}
	return c, nil
}

// singleValue returns the one JSON value in data and rejects empty input
// and anything after the value.
func singleValue(data []byte) (json.RawMessage, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fieldErr("intake", "empty input")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, fieldErr("intake", "not valid JSON")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fieldErr("intake", "unexpected data after the JSON object")
	}
	return raw, nil
}
