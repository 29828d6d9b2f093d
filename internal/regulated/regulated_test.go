package regulated_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/adverse"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/practice"
	"github.com/afterward/afterward/internal/privacy"
	"github.com/afterward/afterward/internal/regulated"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

var now = time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC)

func clock() time.Time { return now }

func fieldOf(err error, field string) string {
	var e *errs.Error
	if !errors.As(err, &e) {
		return ""
	}
	return e.Fields[field]
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestFormsValidateNamingEachField: every form's answers are checked
// field by field, and each message names the form's own field.
func TestFormsValidateNamingEachField(t *testing.T) {
	info, err := regulated.Lookup(practice.Oregon, "client-information")
	must(t, err)
	transport, err := regulated.Lookup(practice.Oregon, "transportation-plan")
	must(t, err)
	allNo := map[string]string{"lithium": "no", "current_treatment": "no", "mushroom_allergy": "no", "session_medications": "no",
		"interpreter": "no", "harm_thoughts": "no", "harm_history": "no", "diagnoses": "no"}
	with := func(base map[string]string, kv ...string) map[string]string {
		out := map[string]string{}
		for k, v := range base {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	goodTransport := map[string]string{"method": "Taxi or ride-share", "who": "Ride-share", "backup": "My sister", "no_driving": "yes"}
	cases := []struct {
		name    string
		form    regulated.Form
		answers map[string]string
		field   string // "" for valid
	}{
		{"all answered", info, allNo, ""},
		{"lithium unanswered", info, with(allNo, "lithium", ""), "lithium"},
		{"yes/no is yes or no", info, with(allNo, "mushroom_allergy", "maybe"), "mushroom_allergy"},
		{"a yes asks for details", info, with(allNo, "current_treatment", "yes"), "current_treatment_details"},
		{"diagnoses named when yes", info, with(allNo, "diagnoses", "yes"), "diagnoses_details"},
		{"details too long", info, with(allNo, "diagnoses", "yes", "diagnoses_details", strings.Repeat("x", regulated.MaxAnswer+1)), "diagnoses_details"},
		{"a valid plan", transport, goodTransport, ""},
		{"no way home chosen", transport, with(goodTransport, "method", ""), "method"},
		{"an unknown way home", transport, with(goodTransport, "method", "Driving myself"), "method"},
		{"no one named", transport, with(goodTransport, "who", "  "), "who"},
		{"not driving not confirmed", transport, with(goodTransport, "no_driving", ""), "no_driving"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.form.Validate(tc.answers)
			switch {
			case tc.field == "" && err != nil:
				t.Errorf("err = %v, want valid", err)
			case tc.field != "" && fieldOf(err, tc.field) == "":
				t.Errorf("err = %v, want a message on %s", err, tc.field)
			}
		})
	}
	for _, p := range []practice.Programme{practice.Oregon, practice.Colorado} {
		for _, f := range regulated.FormsFor(p) {
			if _, err := f.Validate(map[string]string{}); err == nil && hasRequired(f) {
				t.Errorf("%s %s: empty answers accepted", p, f.Key)
			}
		}
	}
	if got := len(regulated.FormsFor(practice.Oregon)); got != 4 {
		t.Errorf("Oregon forms = %d, want 4 (client information, transportation, touch, SB 303)", got)
	}
	if got := len(regulated.FormsFor(practice.Colorado)); got != 8 {
		t.Errorf("Colorado forms = %d, want 8", got)
	}
	if len(regulated.FormsFor(practice.NoProgramme)) != 0 {
		t.Error("a practice under no programme has forms")
	}
}

func hasRequired(f regulated.Form) bool {
	for _, fd := range f.Fields {
		if fd.Required || fd.Kind == regulated.YesNo || fd.Kind == regulated.Agree {
			return true
		}
	}
	return false
}

type world struct {
	db     *store.DB
	vault  *vault.Vault
	svc    *regulated.Service
	adv    *adverse.Service
	p      apptest.People
	raised *[]int64 // forms that raised a safety alert
}

func setup(t *testing.T, db *store.DB, prog practice.Programme) world {
	t.Helper()
	p := apptest.MustPeople(t, db, now)
	v := apptest.MustVault(t, clock)
	pol := policy.New(db, clock, nil)
	must(t, practice.NewService(db, pol, clock).SetProgramme(context.Background(), p.Admin, prog))
	raised := &[]int64{}
	raise := func(ctx context.Context, tx *store.Tx, clientID, formID int64) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM regulated_forms WHERE id = ? AND client_id = ?`, formID, clientID).Scan(&n); err != nil || n != 1 {
			return fmt.Errorf("the alert's form %d is not the client's in this transaction: %d rows, %v", formID, n, err)
		}
		*raised = append(*raised, formID)
		return nil
	}
	return world{db: db, vault: v, svc: regulated.NewService(regulated.Deps{DB: db, Policy: pol, Vault: v, Raise: raise, Now: clock}), adv: adverse.NewService(adverse.Deps{DB: db, Policy: pol, Vault: v, Now: clock}), p: p, raised: raised}
}

func sign(t *testing.T, w world, client policy.Actor, name, key string, answers map[string]string) regulated.Signature {
	t.Helper()
	f, err := w.svc.Form(context.Background(), client, key)
	must(t, err)
	sig, err := w.svc.Sign(context.Background(), client, regulated.Filled{Key: key, Version: f.Version, Hash: f.Hash(), Answers: answers, Name: name})
	must(t, err)
	return sig
}

// TestSignedFormsAreSealedAuditedAndPrinted: the client signs the client
// information form with typed name and the hash of the version shown;
// wrong names and stale versions are refused; the answers are sealed (not
// in the database in clear), read only by the client and their
// facilitator, every access audited, and the PDF carries the hash.
func TestSignedFormsAreSealedAuditedAndPrinted(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := setup(t, db, practice.Oregon)
		f, err := regulated.Lookup(practice.Oregon, "client-information")
		must(t, err)
		answers := map[string]string{"lithium": "no", "current_treatment": "yes", "current_treatment_details": "Weekly therapy with Dr. Quill",
			"mushroom_allergy": "no", "session_medications": "no", "interpreter": "no", "harm_thoughts": "no", "harm_history": "no", "diagnoses": "no"}
		in := regulated.Filled{Key: f.Key, Version: f.Version, Hash: f.Hash(), Answers: answers, Name: "Someone Else"}
		_, err = w.svc.Sign(ctx, w.p.Client, in)
		if !strings.Contains(fieldOf(err, "name"), "Client One") {
			t.Errorf("wrong name: err = %v, want a message naming the account's name", err)
		}
		in.Name, in.Answers = "client one", map[string]string{}
		if _, err = w.svc.Sign(ctx, w.p.Client, in); fieldOf(err, "lithium") == "" {
			t.Errorf("no answers: err = %v, want a message on lithium", err)
		}
		in.Answers, in.Hash = answers, "stale"
		if _, err = w.svc.Sign(ctx, w.p.Client, in); !errs.Is(err, errs.Conflict) {
			t.Errorf("stale version: err = %v, want conflict", err)
		}
		in.Hash = f.Hash()
		if _, err = w.svc.Sign(ctx, w.p.Coach, in); !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach signs for the client: err = %v, want forbidden", err)
		}
		sig, err := w.svc.Sign(ctx, w.p.Client, in)
		must(t, err)
		if len(*w.raised) != 0 {
			t.Errorf("no thoughts of harm, yet alerts were raised for forms %v", *w.raised)
		}
		harm := map[string]string{}
		for k, v := range answers {
			harm[k] = v
		}
		harm["harm_thoughts"], harm["harm_thoughts_details"] = "yes", "Some nights, since the divorce"
		worried := sign(t, w, w.p.Client2, "Client Two", f.Key, harm)
		if len(*w.raised) != 1 || (*w.raised)[0] != worried.ID {
			t.Errorf("a yes to current thoughts of harm raised alerts for %v, want form %d", *w.raised, worried.ID)
		}
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			if src, err := w.svc.OpenForAlert(ctx, tx, w.p.Client2.UserID, worried.ID); err != nil || !strings.Contains(src.Text, "since the divorce") {
				t.Errorf("the alert's source = %q, %v; want the signed form's text", src.Text, err)
			}
			if _, err := w.svc.OpenForAlert(ctx, tx, w.p.Client.UserID, worried.ID); !errs.Is(err, errs.NotFound) {
				t.Errorf("the alert's source under another client: err = %v, want not found", err)
			}
			return nil
		}))

		var raw []byte
		must(t, db.Reader().QueryRow(ctx, `SELECT sealed FROM regulated_forms WHERE id = ?`, sig.ID).Scan(&raw))
		if bytes.Contains(raw, []byte("Dr. Quill")) || bytes.Contains(raw, []byte("client one")) {
			t.Error("the answers or the typed name are stored in clear")
		}
		got, err := w.svc.Signed(ctx, w.p.Coach, sig.ID)
		must(t, err)
		if got.Name != "client one" || got.Answers["current_treatment_details"] != "Weekly therapy with Dr. Quill" || regulated.HashOf(got.Text) != sig.Hash {
			t.Errorf("signed form = %+v, want the typed name, the answers and a text whose hash is the signature's", got)
		}
		if !strings.Contains(got.Text, "Have you taken lithium in the last 30 days?\nAnswer: No") || !strings.Contains(got.Text, f.Hash()) {
			t.Errorf("document text lacks the question with its answer or the version hash:\n%s", got.Text)
		}
		for _, tc := range []struct {
			name string
			as   policy.Actor
			want errs.Kind
		}{{"another coach", w.p.OtherCoach, errs.NotFound}, {"the admin without break-glass", w.p.Admin, errs.Forbidden}, {"another client", w.p.Client2, errs.NotFound}} {
			if _, err := w.svc.Signed(ctx, tc.as, sig.ID); !errs.Is(err, tc.want) {
				t.Errorf("%s reads the form: err = %v, want %v", tc.name, err, tc.want)
			}
		}
		pdf, err := regulated.PDF(got, time.UTC)
		must(t, err)
		if !bytes.HasPrefix(pdf, []byte("%PDF")) {
			t.Error("PDF does not start with %PDF")
		}
		var n int
		must(t, db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'regulated_form'`).Scan(&n))
		if n < 5 { // refusals and the signature and the reads
			t.Errorf("audit events for regulated forms = %d, want every access recorded", n)
		}
		_, forms, err := w.svc.Forms(ctx, w.p.Client, w.p.Client.UserID)
		must(t, err)
		if len(forms) != 4 || forms[0].Signed == nil || forms[0].Signed.ID != sig.ID || forms[1].Signed != nil {
			t.Errorf("forms status = %+v, want 4 Oregon forms with only the first signed", forms)
		}
	})
}

// TestColoradoSessionLogAndYearlyExport: a Colorado facilitator logs a
// client's preparation, administration and integration sessions with
// start and end, product id, amount, single or multiple dose, intention
// and transportation; a reaction that needed medical care links to the
// adverse-reaction log; integration completion is certified once; the
// yearly export holds every required field, de-identified.
func TestColoradoSessionLogAndYearlyExport(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := setup(t, db, practice.Colorado)
		client := w.p.Client.UserID
		at := func(daysAgo int, hour int) time.Time {
			return time.Date(2026, 11, 20-daysAgo, hour, 0, 0, 0, time.UTC)
		}
		no := false
		admin := regulated.Entry{Kind: regulated.Administration, StartedAt: at(10, 9), EndedAt: at(10, 15), ProductID: "CO-NM-0042", Amount: "25 mg",
			Dose: regulated.MultipleDose, Intention: "Trauma or PTSD", TransportFollowed: &no, Deviation: "Partner was late; left by taxi with the centre's escort"}
		invalid := []struct {
			name  string
			edit  func(*regulated.Entry)
			field string
		}{
			{"no product", func(e *regulated.Entry) { e.ProductID = " " }, "product_id"},
			{"no amount", func(e *regulated.Entry) { e.Amount = "" }, "amount"},
			{"no dose", func(e *regulated.Entry) { e.Dose = "twice" }, "dose"},
			{"no intention in Colorado", func(e *regulated.Entry) { e.Intention = "" }, "intention"},
			{"free-text intention", func(e *regulated.Entry) { e.Intention = "to heal from what happened with my brother" }, "intention"},
			{"deviation not described", func(e *regulated.Entry) { e.Deviation = "" }, "deviation"},
			{"transport not said", func(e *regulated.Entry) { e.TransportFollowed = nil }, "transport"},
			{"ends before it starts", func(e *regulated.Entry) { e.EndedAt = e.StartedAt.Add(-time.Hour) }, "ended_at"},
			{"not ended yet", func(e *regulated.Entry) { e.StartedAt, e.EndedAt = now.Add(-time.Hour), now.Add(3*time.Hour) }, "ended_at"},
			{"unknown kind", func(e *regulated.Entry) { e.Kind = "ceremony" }, "kind"},
		}
		for _, tc := range invalid {
			e := admin
			tc.edit(&e)
			if _, err := w.svc.Log(ctx, w.p.Coach, client, e); fieldOf(err, tc.field) == "" {
				t.Errorf("%s: err = %v, want a message on %s", tc.name, err, tc.field)
			}
		}
		for _, tc := range []struct {
			name string
			as   policy.Actor
			want errs.Kind
		}{{"another coach", w.p.OtherCoach, errs.NotFound}, {"the client", w.p.Client, errs.Forbidden}, {"the admin", w.p.Admin, errs.Forbidden}} {
			if _, err := w.svc.Log(ctx, tc.as, client, admin); !errs.Is(err, tc.want) {
				t.Errorf("%s logs: err = %v, want %v", tc.name, err, tc.want)
			}
		}
		_, err := w.svc.Log(ctx, w.p.Coach, client, regulated.Entry{Kind: regulated.Preparation, StartedAt: at(12, 10), EndedAt: at(12, 11)})
		must(t, err)
		logged, err := w.svc.Log(ctx, w.p.Coach, client, admin)
		must(t, err)
		integ, err := w.svc.Log(ctx, w.p.Coach, client, regulated.Entry{Kind: regulated.Integration, StartedAt: at(8, 16), EndedAt: at(8, 17)})
		must(t, err)

		reaction, err := w.adv.Record(ctx, w.p.Coach, client, adverse.Report{OccurredAt: at(10, 13), Severity: adverse.Severe,
			What: "Chest tightness", Response: "Paramedics called; assessed on site"})
		must(t, err)
		if err := w.svc.Update(ctx, w.p.Coach, logged.ID, regulated.LinkAdverse, 999999); fieldOf(err, "adverse_id") == "" {
			t.Errorf("linking another record: err = %v, want a message on adverse_id", err)
		}
		must(t, w.svc.Update(ctx, w.p.Coach, logged.ID, regulated.LinkAdverse, reaction.ID))
		must(t, w.svc.Update(ctx, w.p.Coach, logged.ID, regulated.OfferIntegration, 0))
		if err := w.svc.Update(ctx, w.p.Coach, logged.ID, regulated.Certify, 0); fieldOf(err, "action") == "" {
			t.Errorf("certifying an administration: err = %v, want a message on action", err)
		}
		must(t, w.svc.Update(ctx, w.p.Coach, integ.ID, regulated.Certify, 0))
		if err := w.svc.Update(ctx, w.p.Coach, integ.ID, regulated.Certify, 0); !errs.Is(err, errs.Conflict) {
			t.Errorf("certifying twice: err = %v, want conflict", err)
		}

		entries, err := w.svc.SessionLog(ctx, w.p.Coach, client)
		must(t, err)
		if len(entries) != 3 {
			t.Fatalf("log entries = %d, want 3", len(entries))
		}
		a, in := entries[1], entries[2]
		if a.Kind != regulated.Administration || !a.StartedAt.Equal(at(10, 9)) || !a.EndedAt.Equal(at(10, 15)) || a.ProductID != "CO-NM-0042" || a.Amount != "25 mg" ||
			a.Dose != regulated.MultipleDose || !a.MedicalCare || a.AdverseID != reaction.ID || !a.IntegrationOffered || a.TransportFollowed == nil || *a.TransportFollowed ||
			!strings.Contains(a.Deviation, "taxi") {
			t.Errorf("administration entry = %+v", a)
		}
		if in.CertifiedAt == nil || !in.CertifiedAt.Equal(now) || in.CertifiedBy != "Coach" {
			t.Errorf("integration certification = %v by %q, want now by Coach", in.CertifiedAt, in.CertifiedBy)
		}
		var raw []byte
		must(t, db.Reader().QueryRow(ctx, `SELECT sealed FROM regulated_sessions WHERE id = ?`, logged.ID).Scan(&raw))
		if bytes.Contains(raw, []byte("escort")) {
			t.Error("the deviation is stored in clear")
		}
		assertDoseSealed(t, db, logged.ID)

		if _, err := w.svc.ColoradoYear(ctx, w.p.Coach, 2026); !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach exports: err = %v, want forbidden", err)
		}
		if _, err := w.svc.OregonQuarter(ctx, w.p.Admin, regulated.QuarterOf(now)); !errs.Is(err, errs.Conflict) {
			t.Errorf("Oregon report in Colorado: err = %v, want conflict", err)
		}
		rows, err := w.svc.ColoradoYear(ctx, w.p.Admin, 2026)
		must(t, err)
		var buf bytes.Buffer
		must(t, regulated.WriteYearCSV(&buf, rows))
		recs, err := csv.NewReader(&buf).ReadAll()
		must(t, err)
		if len(recs) != 2 {
			t.Fatalf("export rows = %d, want a header and one administration:\n%v", len(recs), recs)
		}
		want := map[string]string{"client": "client 1", "date": "2026-11-10", "start_utc": "2026-11-10T09:00:00Z", "end_utc": "2026-11-10T15:00:00Z", "minutes": "360",
			"product_id": "CO-NM-0042", "amount": "25 mg", "dose": "multiple", "individual_or_group": "individual", "intention": "Trauma or PTSD",
			"transportation": "deviation documented", "adverse_reaction_needing_medical_care": "yes", "facilitator": "Coach"}
		for i, col := range recs[0] {
			if recs[1][i] != want[col] {
				t.Errorf("export %s = %q, want %q", col, recs[1][i], want[col])
			}
		}
		if len(recs[0]) != len(want) {
			t.Errorf("export columns = %v", recs[0])
		}
		if strings.Contains(buf.String(), "Client One") || strings.Contains(buf.String(), "escort") {
			t.Error("the export names the client or carries the deviation's text")
		}
	})
}

// TestOregonQuarterSuppressesSmallCellsAndHonoursOptOut: twelve clients
// had administration sessions; one opted out on the SB 303 form and is in
// no count, so clients served is 11 (shown), while the ten individual and
// one group session, the denial and the reaction are shown as "<11", and
// empty cells as 0.
func TestOregonQuarterSuppressesSmallCellsAndHonoursOptOut(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := setup(t, db, practice.Oregon)
		clients := []policy.Actor{w.p.Client, w.p.Client2}
		names := []string{"Client One", "Client Two"}
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			for i := 3; i <= 12; i++ {
				name := fmt.Sprintf("Client %d", i)
				id, err := store.InsertID(ctx, tx, `INSERT INTO users (practice_id, email, name, role, created_at) VALUES (?, ?, ?, 'client', ?) RETURNING id`,
					w.p.Coach.PracticeID, fmt.Sprintf("c%d@example.org", i), name, now)
				if err != nil {
					return err
				}
				if _, err := tx.Exec(ctx, `INSERT INTO clients (user_id, practice_id, coach_id, stage, created_at) VALUES (?, ?, ?, 'active', ?)`, id, w.p.Coach.PracticeID, w.p.Coach.UserID, now); err != nil {
					return err
				}
				clients = append(clients, policy.Actor{UserID: id, PracticeID: w.p.Coach.PracticeID, Role: account.Client})
				names = append(names, name)
			}
			return nil
		}))
		yes := true
		for i, c := range clients {
			start := time.Date(2026, 10, 5+i, 10, 0, 0, 0, time.UTC)
			e := regulated.Entry{Kind: regulated.Administration, StartedAt: start, EndedAt: start.Add(5 * time.Hour), ProductID: "OR-1", Amount: "20 mg",
				Dose: regulated.SingleDose, TransportFollowed: &yes, Group: i == 1}
			_, err := w.svc.Log(ctx, w.p.Coach, c.UserID, e)
			must(t, err)
		}
		// Last quarter's session is not counted.
		old := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
		_, err := w.svc.Log(ctx, w.p.Coach, clients[0].UserID, regulated.Entry{Kind: regulated.Preparation, StartedAt: old, EndedAt: old.Add(time.Hour)})
		must(t, err)
		sign(t, w, clients[11], names[11], "sb303-client-data", map[string]string{"age": "40–49", "county": "Lane", "reasons": "Other", "opt_out": "yes"})
		sign(t, w, clients[10], names[10], "sb303-client-data", map[string]string{"age": "40–49", "county": "Lane", "reasons": "Other"})
		must(t, w.svc.Deny(ctx, w.p.Coach, clients[2].UserID, "Lithium in the last 30 days"))
		must(t, w.svc.Deny(ctx, w.p.Coach, clients[11].UserID, "Other")) // opted out: not counted
		if err := w.svc.Deny(ctx, w.p.Coach, clients[2].UserID, "because"); fieldOf(err, "reason") == "" {
			t.Errorf("unknown denial reason: err = %v", err)
		}
		_, err = w.adv.Record(ctx, w.p.Coach, clients[3].UserID, adverse.Report{OccurredAt: time.Date(2026, 10, 9, 14, 0, 0, 0, time.UTC), Severity: adverse.Moderate,
			What: "Nausea", Response: "Rest"})
		must(t, err)

		if _, err := w.svc.OregonQuarter(ctx, w.p.Coach, regulated.Quarter{Year: 2026, Q: 4}); !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach downloads: err = %v, want forbidden", err)
		}
		rows, err := w.svc.OregonQuarter(ctx, w.p.Admin, regulated.Quarter{Year: 2026, Q: 4})
		must(t, err)
		var buf bytes.Buffer
		must(t, regulated.WriteQuarterCSV(&buf, "P", regulated.Quarter{Year: 2026, Q: 4}, rows))
		recs, err := csv.NewReader(&buf).ReadAll()
		must(t, err)
		got := map[string]string{}
		for _, r := range recs[1:] {
			got[r[2]+"/"+r[3]] = r[4]
		}
		want := map[string]string{
			"clients_served/all":                                "11",
			"administration_sessions/individual":                "<11",
			"administration_sessions/group":                     "<11",
			"denials/Lithium in the last 30 days":               "<11",
			"denials/Other":                                     "0",
			"adverse_reactions/Moderate":                        "<11",
			"adverse_reactions/Severe":                          "0",
			"clients_opted_out/excluded from every count above": "<11",
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %q, want %q", k, got[k], v)
			}
		}
		// The counts are computed exactly; only the CSV suppresses them.
		for _, r := range rows {
			if r.Measure == "administration_sessions" && r.Category == "individual" && r.Count != 10 {
				t.Errorf("individual sessions = %d, want 10", r.Count)
			}
		}
		if _, err := regulated.ParseQuarter("2026-Q5"); fieldOf(err, "quarter") == "" {
			t.Errorf("bad quarter: err = %v", err)
		}
		var n int
		must(t, db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'oregon_sb303_quarter'`).Scan(&n))
		if n != 1 {
			t.Errorf("export audit events = %d, want 1", n)
		}
	})
}

// assertDoseSealed checks that the session's product id, amount and dose
// are in no plaintext column and not readable in their sealed columns.
func assertDoseSealed(t *testing.T, db *store.DB, id int64) {
	t.Helper()
	var product, amount, dose string
	var sealed [3][]byte
	must(t, db.Reader().QueryRow(context.Background(), `SELECT product_id, amount, dose, product_id_sealed, amount_sealed, dose_sealed
		FROM regulated_sessions WHERE id = ?`, id).Scan(&product, &amount, &dose, &sealed[0], &sealed[1], &sealed[2]))
	if product != "" || amount != "" || dose != "" {
		t.Errorf("plaintext columns hold product %q, amount %q, dose %q; want them empty", product, amount, dose)
	}
	for i, ct := range sealed {
		if len(ct) == 0 || bytes.Contains(ct, []byte("CO-NM")) || bytes.Contains(ct, []byte("mg")) || bytes.Contains(ct, []byte("single")) || bytes.Contains(ct, []byte("multiple")) {
			t.Errorf("sealed column %d = %q; want a ciphertext without the value", i, ct)
		}
	}
}

// TestSessionLogDoseSealedAtStart: a row written before migration 0033
// (product id, amount and dose in plaintext columns) is sealed by the
// start-up pass, its plaintext overwritten, and reads back the same.
func TestSessionLogDoseSealedAtStart(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := setup(t, db, practice.Colorado)
		client := w.p.Client.UserID
		yes := true
		e, err := w.svc.Log(ctx, w.p.Coach, client, regulated.Entry{Kind: regulated.Administration, StartedAt: now.Add(-6 * time.Hour), EndedAt: now.Add(-time.Hour),
			ProductID: "placeholder", Amount: "placeholder", Dose: regulated.SingleDose, Intention: "Personal growth", TransportFollowed: &yes})
		must(t, err)
		// As an older version wrote it: the values in clear, nothing sealed.
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE regulated_sessions SET product_id = ?, amount = ?, dose = ?, product_id_sealed = NULL, amount_sealed = NULL, dose_sealed = NULL
				WHERE id = ?`, "CO-NM-0077", "20 mg", regulated.SingleDose, e.ID)
			return err
		}))
		n, err := privacy.SealLegacyText(ctx, db, w.vault)
		if err != nil || n != 3 {
			t.Fatalf("SealLegacyText = %d, %v; want the row's 3 columns sealed", n, err)
		}
		assertDoseSealed(t, db, e.ID)
		entries, err := w.svc.SessionLog(ctx, w.p.Coach, client)
		must(t, err)
		if len(entries) != 1 || entries[0].ProductID != "CO-NM-0077" || entries[0].Amount != "20 mg" || entries[0].Dose != regulated.SingleDose {
			t.Errorf("after sealing, the log reads %+v; want the values written in clear before", entries)
		}
		if n, err := privacy.SealLegacyText(ctx, db, w.vault); err != nil || n != 0 {
			t.Errorf("second pass = %d, %v; want nothing left to seal", n, err)
		}
	})
}

// TestClientReadsRecordsAndAddsAddenda: the client reads every form they
// signed (as signed) and the session log about them (product, amount,
// dose, the linked reaction's severity), adds an addendum to a form and
// to a session; each is sealed, audited, shown to the facilitator beside
// the record and never changes it; nobody else adds one, and bad text
// names the field.
func TestClientReadsRecordsAndAddsAddenda(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := setup(t, db, practice.Oregon)
		client := w.p.Client.UserID
		sig := sign(t, w, w.p.Client, "Client One", "transportation-plan",
			map[string]string{"method": "Taxi or ride-share", "who": "Ride-share", "backup": "My sister", "no_driving": "yes"})
		yes := true
		logged, err := w.svc.Log(ctx, w.p.Coach, client, regulated.Entry{Kind: regulated.Administration, StartedAt: now.Add(-8 * time.Hour), EndedAt: now.Add(-2 * time.Hour),
			ProductID: "OR-PS-1234", Amount: "25 mg psilocybin", Dose: regulated.SingleDose, TransportFollowed: &yes})
		must(t, err)
		reaction, err := w.adv.Record(ctx, w.p.Coach, client, adverse.Report{OccurredAt: now.Add(-5 * time.Hour), Severity: adverse.Moderate,
			What: "Nausea", Response: "Rested; water"})
		must(t, err)
		must(t, w.svc.Update(ctx, w.p.Coach, logged.ID, regulated.LinkAdverse, reaction.ID))

		recs, err := w.svc.ClientRecords(ctx, w.p.Client)
		must(t, err)
		if len(recs.Forms) != 1 || recs.Forms[0].ID != sig.ID || !strings.Contains(recs.Forms[0].Text, "My sister") || recs.Forms[0].Title != "Transportation plan" {
			t.Errorf("the client's forms = %+v; want the signed transportation plan with its answers", recs.Forms)
		}
		if len(recs.Sessions) != 1 {
			t.Fatalf("the client's session log = %d entries, want 1", len(recs.Sessions))
		}
		if e := recs.Sessions[0]; e.ProductID != "OR-PS-1234" || e.Amount != "25 mg psilocybin" || e.Dose != regulated.SingleDose || !e.MedicalCare ||
			e.AdverseSeverity != adverse.Moderate || e.Kind != regulated.Administration {
			t.Errorf("the client reads the entry %+v; want product, amount, dose and the moderate reaction", e)
		}
		if _, err := w.svc.ClientRecords(ctx, w.p.Coach); !errs.Is(err, errs.Forbidden) {
			t.Errorf("a coach reads client records here: err = %v, want forbidden", err)
		}

		const words = "I asked for the taxi myself; my sister was ill that day."
		for _, tc := range []struct {
			name  string
			as    policy.Actor
			kind  regulated.RecordKind
			id    int64
			text  string
			want  string // errs kind, or "ok"
			field string
		}{
			{"empty names the field", w.p.Client, regulated.FormRecord, sig.ID, "  ", "invalid", "addendum"},
			{"too long names the field", w.p.Client, regulated.SessionRecord, logged.ID, strings.Repeat("a", 5001), "invalid", "addendum"},
			{"the facilitator cannot", w.p.Coach, regulated.FormRecord, sig.ID, words, "forbidden", ""},
			{"another client cannot", w.p.Client2, regulated.SessionRecord, logged.ID, words, "not_found", ""},
			{"an unknown kind of record", w.p.Client, "note", sig.ID, words, "not_found", ""},
			{"a missing record", w.p.Client, regulated.FormRecord, 999999, words, "not_found", ""},
			{"the client adds one to the form", w.p.Client, regulated.FormRecord, sig.ID, words, "ok", ""},
			{"the client adds one to the session", w.p.Client, regulated.SessionRecord, logged.ID, "I felt sick for an hour, not a few minutes.", "ok", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := w.svc.AddAddendum(ctx, tc.as, tc.kind, tc.id, tc.text)
				got := "ok"
				if err != nil {
					got = errs.KindOf(err).String()
				}
				if got != tc.want {
					t.Fatalf("err = %v (%s), want %s", err, got, tc.want)
				}
				if tc.field != "" && fieldOf(err, tc.field) == "" {
					t.Errorf("err = %v, want a message on %q", err, tc.field)
				}
			})
		}
		rows, err := db.Reader().Query(ctx, `SELECT body FROM regulated_addenda`)
		must(t, err)
		n := 0
		for rows.Next() {
			var body []byte
			must(t, rows.Scan(&body))
			n++
			if bytes.Contains(body, []byte("sister")) || bytes.Contains(body, []byte("sick")) {
				t.Error("an addendum is stored in clear")
			}
		}
		rows.Close()
		if n != 2 {
			t.Errorf("addenda stored = %d, want 2", n)
		}
		entries, err := w.svc.SessionLog(ctx, w.p.Coach, client)
		must(t, err)
		if len(entries) != 1 || len(entries[0].Addenda) != 1 || !entries[0].Addenda[0].ByClient || entries[0].ProductID != "OR-PS-1234" {
			t.Errorf("the facilitator sees %+v; want the entry unchanged with the client's addendum beside it", entries)
		}
		_, forms, err := w.svc.Forms(ctx, w.p.Coach, client)
		must(t, err)
		for _, f := range forms {
			if f.Key == "transportation-plan" && (f.Signed == nil || len(f.Signed.Addenda) != 1 || f.Signed.Addenda[0].Text != words || f.Signed.Hash != sig.Hash) {
				t.Errorf("the facilitator sees the plan %+v; want its addendum beside the unchanged signature", f.Signed)
			}
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			t.Fatal("pdftotext (poppler-utils) is required: apt-get install poppler-utils")
		}
		signed, err := w.svc.Signed(ctx, w.p.Client, sig.ID)
		must(t, err)
		pdf, err := regulated.PDF(signed, time.UTC)
		must(t, err)
		path := filepath.Join(t.TempDir(), "form.pdf")
		must(t, os.WriteFile(path, pdf, 0o600))
		out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
		must(t, err)
		if text := strings.Join(strings.Fields(string(out)), " "); !strings.Contains(text, "Addenda by the client") || !strings.Contains(text, "my sister was ill that day") ||
			!strings.Contains(text, sig.Hash) {
			t.Errorf("the form's PDF lacks its addendum or hash:\n%s", text)
		}
		var writes, reads int
		must(t, db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'regulated_addendum' AND outcome = 'ok'`).Scan(&writes))
		must(t, db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'regulated_record' AND client_id = ?`, client).Scan(&reads))
		if writes != 2 || reads != 1 {
			t.Errorf("audit: %d addendum writes, %d own-record reads; want 2 and 1", writes, reads)
		}
	})
}
