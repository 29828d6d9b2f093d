package licence_test

import (
	"context"
	"testing"
	"time"

	"github.com/afterward/afterward/internal/apptest"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/licence"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/store"
)

func enabled(t *testing.T, reg *measure.Registry, id string) bool {
	t.Helper()
	def, ok := reg.Lookup(id)
	if !ok {
		t.Fatalf("no %s", id)
	}
	return def.Enabled
}

// TestSwitch: the configuration and an admin switch instruments on and
// off; each switch records who, under what reference and when, is audited,
// and survives a restart.
func TestSwitch(t *testing.T) {
	apptest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }
		p := apptest.MustPeople(t, db, now)
		reg, err := measure.Builtin()
		if err != nil {
			t.Fatal(err)
		}
		conf, err := licence.Configured(reg, " meq30 = Letter from the authors, ref 17 ")
		if err == nil {
			t.Fatalf("a reference with a comma split into %v", conf)
		}
		conf, err = licence.Configured(reg, "meq30=Letter from the authors ref 17")
		if err != nil {
			t.Fatal(err)
		}
		svc := licence.NewService(licence.Deps{DB: db, Registry: reg, Now: clock})
		if err := svc.Start(ctx, conf); err != nil {
			t.Fatal(err)
		}
		if !enabled(t, reg, "meq30") || enabled(t, reg, "ceq") {
			t.Fatal("configuration did not switch exactly meq30 on")
		}

		refusals := []struct {
			name, id, ref string
			as            string
			want          errs.Kind
		}{
			{"a coach", "ceq", "ref", "coach", errs.Forbidden},
			{"no reference", "ceq", " ", "admin", errs.Invalid},
			{"not gated", "phq9", "ref", "admin", errs.Invalid},
			{"unknown", "bdi", "ref", "admin", errs.Invalid},
		}
		for _, tc := range refusals {
			a := p.Admin
			if tc.as == "coach" {
				a = p.Coach
			}
			if err := svc.Enable(ctx, a, tc.id, tc.ref); !errs.Is(err, tc.want) {
				t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
			}
		}
		if err := svc.Enable(ctx, p.Admin, "CEQ", "Permission email 2026-02-01"); err != nil {
			t.Fatal(err)
		}
		list, err := svc.List(ctx, p.Admin)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[string]licence.Status{}
		for _, st := range list {
			byID[st.ID] = st
		}
		if st := byID["ceq"]; !st.Enabled || st.Ref != "Permission email 2026-02-01" || st.EnabledBy != "Admin" || !st.EnabledAt.Equal(now) || st.Source != licence.ByAdmin {
			t.Errorf("ceq = %+v", st)
		}
		if st := byID["meq30"]; !st.Enabled || st.Source != licence.ByConfig || st.EnabledBy != "" || st.Ref != "Letter from the authors ref 17" {
			t.Errorf("meq30 = %+v", st)
		}
		if _, err := svc.List(ctx, p.Coach); !errs.Is(err, errs.Forbidden) {
			t.Errorf("coach list = %v", err)
		}

		// A restart keeps the admin's switch; the same configuration is
		// not recorded twice.
		reg2, _ := measure.Builtin()
		if err := licence.NewService(licence.Deps{DB: db, Registry: reg2, Now: clock}).Start(ctx, conf); err != nil {
			t.Fatal(err)
		}
		if !enabled(t, reg2, "ceq") || !enabled(t, reg2, "meq30") {
			t.Fatal("switches did not survive a restart")
		}
		// Dropping meq30 from the configuration switches it off.
		reg3, _ := measure.Builtin()
		if err := licence.NewService(licence.Deps{DB: db, Registry: reg3, Now: clock}).Start(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if enabled(t, reg3, "meq30") || !enabled(t, reg3, "ceq") {
			t.Fatal("after dropping meq30 from the configuration: want meq30 off, the admin's ceq on")
		}
		if err := svc.Disable(ctx, p.Admin, "ceq"); err != nil {
			t.Fatal(err)
		}
		if enabled(t, reg, "ceq") {
			t.Fatal("ceq still enabled")
		}
		var rows, events int
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM instrument_licences`).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if err := db.Reader().QueryRow(ctx, `SELECT COUNT(*) FROM audit_events WHERE resource_type = 'instrument_licence'`).Scan(&events); err != nil {
			t.Fatal(err)
		}
		if rows != 2 || events != 4 {
			t.Errorf("rows = %d, audit events = %d; want 2 switches and 4 events (config on, admin on, config off, admin off)", rows, events)
		}
	})
}
