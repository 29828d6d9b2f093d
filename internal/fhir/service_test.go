package fhir_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/fhir"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

var now = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// allowed marks a case that succeeds.
const allowed errs.Kind = -1

// TestExportIsDecided: the signed-in export goes to the client and their
// coach only (the whole record is authorized as session notes); the
// operator export names a client by email and refuses anything else — on
// both engines.
func TestExportIsDecided(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := func() time.Time { return now }
		p := apptest.MustPeople(t, db, now, policy.Attendance, policy.Scores)
		// Stored addresses are normalized (lower case), as sign-up stores them.
		err := db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `UPDATE users SET email = 'one@example.org' WHERE id = ?`, p.Client.UserID); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `UPDATE users SET email = 'coach@example.org' WHERE id = ?`, p.Coach.UserID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		svc := fhir.NewService(fhir.Deps{DB: db, Policy: policy.New(db, clock, nil), Exporter: &fhir.Exporter{Base: "https://care.example.org", Now: clock}, Now: clock})
		for _, tc := range []struct {
			name     string
			export   func() ([]byte, error)
			wantKind errs.Kind
		}{
			{"the client", func() ([]byte, error) { return svc.ClientBundle(ctx, p.Client, p.Client.UserID) }, allowed},
			{"their coach", func() ([]byte, error) { return svc.ClientBundle(ctx, p.Coach, p.Client.UserID) }, allowed},
			{"another coach", func() ([]byte, error) { return svc.ClientBundle(ctx, p.OtherCoach, p.Client.UserID) }, errs.NotFound},
			{"another client", func() ([]byte, error) { return svc.ClientBundle(ctx, p.Client2, p.Client.UserID) }, errs.NotFound},
			{"admin without break-glass", func() ([]byte, error) { return svc.ClientBundle(ctx, p.Admin, p.Client.UserID) }, errs.Forbidden},
			{"a clinician sharing scores only", func() ([]byte, error) { return svc.ClientBundle(ctx, p.Clinician, p.Client.UserID) }, errs.NotFound},
			{"operator by email", func() ([]byte, error) { return svc.OperatorExport(ctx, " ONE@Example.org ") }, allowed},
			{"operator, unknown email", func() ([]byte, error) { return svc.OperatorExport(ctx, "nobody@example.org") }, errs.NotFound},
			{"operator, a staff email", func() ([]byte, error) { return svc.OperatorExport(ctx, "coach@example.org") }, errs.NotFound},
		} {
			t.Run(tc.name, func(t *testing.T) {
				body, err := tc.export()
				if tc.wantKind != allowed {
					if !errs.Is(err, tc.wantKind) || body != nil {
						t.Fatalf("export = (%d bytes, %v), want %v and nothing", len(body), err, tc.wantKind)
					}
					return
				}
				if err != nil || !strings.Contains(string(body), `"resourceType": "Bundle"`) {
					t.Fatalf("export = (%.200s, %v), want a bundle", body, err)
				}
			})
		}
	})
}
