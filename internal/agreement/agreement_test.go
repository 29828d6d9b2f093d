package agreement_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/agreement"
	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/schedule"
	"github.com/afterward/afterward/internal/store"
)

const fees = "Cancelling less than 24 hours before a session costs 50% of its fee; a missed session costs 100%."

type fixture struct {
	db   *store.DB
	svc  *agreement.Service
	p    apptest.People
	now  time.Time
	gate agreement.Gate
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	f := &fixture{db: db, now: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)}
	clock := func() time.Time { return f.now }
	f.p = apptest.MustPeople(t, db, f.now)
	feeText := func(context.Context, int64) (string, error) { return fees, nil }
	f.svc = agreement.NewService(agreement.Deps{DB: db, Policy: policy.New(db, clock, nil), Vault: apptest.MustVault(t, clock), Fees: feeText, Now: clock})
	return f
}

func (f *fixture) signed(t *testing.T, clientID int64) error {
	t.Helper()
	return f.gate.CheckSigned(context.Background(), f.db.Reader(), clientID, true)
}

func TestSignAndCheck(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		doc, err := f.svc.Current(ctx, f.p.Client.PracticeID)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"not therapy", "Confidentiality and its limits", fees, "How crises are handled", "Coaching agreement with P"} {
			if !strings.Contains(doc.Text, want) {
				t.Errorf("default agreement lacks %q", want)
			}
		}
		if doc.Version != 1 || doc.VersionID != 0 || doc.Hash != agreement.HashOf(doc.Text) {
			t.Fatalf("default = version %d id %d, hash %s", doc.Version, doc.VersionID, doc.Hash)
		}
		if err := f.signed(t, f.p.Client.UserID); !errs.Is(err, errs.Conflict) || !strings.Contains(err.Error(), "/agreement") {
			t.Fatalf("unsigned check = %v, want a conflict linking to /agreement", err)
		}

		refusals := []struct {
			name    string
			as      policy.Actor
			version int
			typed   string
			hash    string
			want    errs.Kind
		}{
			{"a coach cannot sign for the client", f.p.Coach, 1, "Client One", doc.Hash, errs.Forbidden},
			{"a different name", f.p.Client, 1, "Someone Else", doc.Hash, errs.Invalid},
			{"text changed since shown", f.p.Client, 1, "Client One", agreement.HashOf("older text"), errs.Conflict},
			{"an old version", f.p.Client, 0, "Client One", doc.Hash, errs.Conflict},
		}
		for _, tc := range refusals {
			if _, err := f.svc.Sign(ctx, tc.as, tc.version, tc.typed, tc.hash); errs.KindOf(err) != tc.want {
				t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
			}
		}
		sig, err := f.svc.Sign(ctx, f.p.Client, doc.Version, "  client   one ", doc.Hash)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.signed(t, f.p.Client.UserID); err != nil {
			t.Fatalf("after signing, check = %v", err)
		}
		if err := f.signed(t, f.p.Client2.UserID); err == nil {
			t.Fatal("another client's signature counted")
		}
		var sealed []byte
		if err := db.Reader().QueryRow(ctx, `SELECT sealed FROM agreement_signatures WHERE id = ?`, sig.ID).Scan(&sealed); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(sealed), "client   one") || strings.Contains(string(sealed), "not therapy") {
			t.Fatal("the typed name or text is stored in the clear")
		}

		// A new version needs a new signature.
		if _, err := f.svc.Edit(ctx, f.p.Coach, doc.Body); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("coach edit = %v, want forbidden", err)
		}
		if _, err := f.svc.Edit(ctx, f.p.Admin, "No fees here."); !errs.Is(err, errs.Invalid) {
			t.Fatalf("edit without {{fees}} = %v, want invalid", err)
		}
		v2, err := f.svc.Edit(ctx, f.p.Admin, doc.Body+"\nA new clause.")
		if err != nil {
			t.Fatal(err)
		}
		if v2.Version != 2 || !strings.Contains(v2.Text, "A new clause.") {
			t.Fatalf("edit = version %d, text %q", v2.Version, v2.Text)
		}
		if err := f.signed(t, f.p.Client.UserID); err == nil {
			t.Fatal("a signature of version 1 still counts after version 2")
		}
		st, err := f.svc.Status(ctx, f.p.Client, f.p.Client.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Signed != nil || len(st.Earlier) != 1 || st.Current.Version != 2 {
			t.Fatalf("status after edit = %+v", st)
		}
		var events int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type IN ('agreement_signature', 'agreement_version')`).Scan(&events); err != nil {
			t.Fatal(err)
		}
		if events < 3 {
			t.Fatalf("audit events = %d, want the signing, the edit and the status read", events)
		}
	})
}

func TestSignedAccessAndPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is required: apt-get install poppler-utils")
	}
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		doc, err := f.svc.Current(ctx, f.p.Client.PracticeID)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := f.svc.Sign(ctx, f.p.Client, doc.Version, "Client One", doc.Hash)
		if err != nil {
			t.Fatal(err)
		}
		readers := []struct {
			name string
			as   policy.Actor
			want errs.Kind
		}{
			{"client", f.p.Client, 0},
			{"their coach", f.p.Coach, 0},
			{"admin", f.p.Admin, 0},
			{"another coach", f.p.OtherCoach, errs.NotFound},
			{"another client", f.p.Client2, errs.NotFound},
			{"clinician without consent", f.p.Clinician, errs.NotFound},
		}
		for _, tc := range readers {
			_, err := f.svc.Signed(ctx, tc.as, sig.ID)
			if (tc.want == 0 && err != nil) || (tc.want != 0 && !errs.Is(err, tc.want)) {
				t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
			}
		}
		g, err := f.svc.Signed(ctx, f.p.Coach, sig.ID)
		if err != nil {
			t.Fatal(err)
		}
		if g.Name != "Client One" || g.Text != doc.Text || g.Hash != doc.Hash {
			t.Fatalf("signed = %q, hash %s", g.Name, g.Hash)
		}
		b, err := agreement.PDF(g, humantime.In("Europe/Berlin"))
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, b)
		for _, want := range []string{"Signed by: Client One", "Signed at: Mon 2 Mar 2026, 13:00:00 CET (2026-03-02T12:00:00Z)", doc.Hash, "not therapy", "Document version: 1"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
	})
}

// pdfText extracts a PDF's text with poppler's pdftotext, an independent
// reader; lines are joined so wrapped text and long hashes match.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "agreement.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestBookingNeedsTheAgreement: the schedule service refuses to book a
// client who has not signed, whoever books (a session, matching's first
// session, a circle place), and books once they have.
func TestBookingNeedsTheAgreement(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		clock := func() time.Time { return f.now }
		sched := schedule.NewService(schedule.Deps{DB: db, Policy: policy.New(db, clock, nil), Now: clock, Agreements: agreement.Gate{}})
		if err := sched.SetPlace(ctx, f.p.Coach, schedule.Place{RoomURL: "https://meet.example.org/coach"}); err != nil {
			t.Fatal(err)
		}
		booking := schedule.Booking{ClientID: f.p.Client.UserID, Start: f.now.Add(72 * time.Hour), Minutes: 60, Format: schedule.Video}
		for _, tc := range []struct {
			name string
			as   policy.Actor
			want string
		}{
			{"client", f.p.Client, "Before booking, read and sign your practice's current coaching agreement at /agreement."},
			{"coach for the client", f.p.Coach, "This client has not signed the practice's current coaching agreement"},
		} {
			_, err := sched.Book(ctx, tc.as, booking)
			if !errs.Is(err, errs.Conflict) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s booking unsigned: err = %v, want %q", tc.name, err, tc.want)
			}
		}
		// Matching's first session (the coach accepting) and a circle are
		// booked care too: refused the same way, with nothing written.
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := sched.BookFirstSession(ctx, tx, f.p.Coach, f.p.Client.UserID, f.p.Coach.UserID, booking.Start)
			return err
		})
		if !errors.Is(err, agreement.ErrUnsigned) || !strings.Contains(err.Error(), "has not signed") {
			t.Errorf("first session for an unsigned client: err = %v, want the staff's refusal", err)
		}
		circle, err := sched.OpenCircle(ctx, f.p.Coach, schedule.NewCircle{Topic: "After a retreat", Capacity: 4, Currency: "usd",
			Location: "https://meet.example.org/circle", Starts: []time.Time{f.now.Add(96 * time.Hour)}, Minutes: 90})
		if err != nil {
			t.Fatal(err)
		}
		if err := sched.JoinCircle(ctx, f.p.Client, circle); !errors.Is(err, agreement.ErrUnsigned) || !strings.Contains(err.Error(), "Before booking, read and sign") {
			t.Errorf("an unsigned client joining a circle: err = %v, want the client's refusal", err)
		}
		if err := sched.CheckSigned(ctx, db.Reader(), f.p.Client.UserID, true); !errors.Is(err, agreement.ErrUnsigned) {
			t.Errorf("matching's check before a request: err = %v, want the refusal", err)
		}
		var n int
		if err := db.Reader().QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM appointments WHERE client_id = ?) + (SELECT COUNT(*) FROM circle_members WHERE client_id = ?)`,
			f.p.Client.UserID, f.p.Client.UserID).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d appointments or circle places after refusals (%v), want 0", n, err)
		}

		doc, err := f.svc.Current(ctx, f.p.Client.PracticeID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Sign(ctx, f.p.Client, doc.Version, "Client One", doc.Hash); err != nil {
			t.Fatal(err)
		}
		if _, err := sched.Book(ctx, f.p.Coach, booking); err != nil {
			t.Fatalf("booking after signing: %v", err)
		}
		if err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := sched.BookFirstSession(ctx, tx, f.p.Coach, f.p.Client.UserID, f.p.Coach.UserID, booking.Start.Add(24*time.Hour))
			return err
		}); err != nil {
			t.Errorf("first session after signing: %v", err)
		}
		if err := sched.JoinCircle(ctx, f.p.Client, circle); err != nil {
			t.Errorf("joining a circle after signing: %v", err)
		}
	})
}
