// Package licence is the deployment's switch for licence-gated
// instruments (MEQ-30, CEQ, EBI, the integration scales): the repository
// ships them disabled and without their item wording; a deployment that
// holds the permission switches each on, on the admin page or in its
// configuration, and the switch records who enabled which instrument,
// under what licence or permission reference, and when. The wording comes
// from the deployment's own data file (measure.Wording).
//
// The switch is per deployment, not per practice: the registry of
// instruments is shared by every practice the server hosts.
package licence

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// MaxRef bounds a licence reference.
const MaxRef = 300

// Sources of a switch.
const (
	ByAdmin  = "admin"
	ByConfig = "configuration"
)

// Status is one licence-gated instrument and its switch.
type Status struct {
	ID, Title, Licence string
	HasWording         bool // items supplied by the deployment
	Enabled            bool
	Ref, Source        string // of the current switch, when enabled
	EnabledBy          string // the admin's name; "" for the configuration
	EnabledAt          time.Time
}

// Service is the licence switch.
type Service struct {
	db  *store.DB
	reg *measure.Registry
	now func() time.Time
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB       *store.DB
	Registry *measure.Registry // the instruments the switch is over
	Now      func() time.Time
}

// NewService returns the switch over d.Registry.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, reg: d.Registry, now: d.Now}
}

// Configured parses the configuration's list, "id=reference" pairs
// separated by commas (e.g. "meq30=Permission letter 2026-01-05"), and
// checks each id names a licence-gated instrument.
func Configured(reg *measure.Registry, list string) (map[string]string, error) {
	out := map[string]string{}
	for _, part := range strings.Split(list, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		id, ref, ok := strings.Cut(part, "=")
		id, ref = strings.ToLower(strings.TrimSpace(id)), strings.TrimSpace(ref)
		if !ok || ref == "" {
			return nil, errs.E(errs.Invalid, "%q: give each instrument as id=licence reference", strings.TrimSpace(part))
		}
		if err := checkRef(ref); err != nil {
			return nil, err
		}
		if _, err := gated(reg, id); err != nil {
			return nil, err
		}
		out[id] = ref
	}
	return out, nil
}

func checkRef(ref string) error {
	if ref == "" {
		return errs.Validation{"ref": "enter the licence or permission reference (who granted it, when, its number)"}.Err()
	}
	if len(ref) > MaxRef {
		return errs.Validation{"ref": "keep the reference under 300 characters"}.Err()
	}
	return nil
}

func gated(reg *measure.Registry, id string) (*measure.Definition, error) {
	def, ok := reg.Lookup(id)
	if !ok {
		return nil, errs.E(errs.Invalid, "unknown instrument %q (licence-gated ones: %s)", id, strings.Join(gatedIDs(reg), ", "))
	}
	if !def.RequiresLicence {
		return nil, errs.E(errs.Invalid, "%s needs no licence switch; it is always enabled", def.ID)
	}
	return def, nil
}

func gatedIDs(reg *measure.Registry) []string {
	var ids []string
	for _, d := range reg.Gated() {
		ids = append(ids, d.ID)
	}
	return ids
}

// Start applies the switches at start-up: the configured instruments are
// enabled (and recorded, once per reference), a switch the configuration
// made and no longer lists is closed, then every open switch (by the
// configuration or an admin) is enabled.
func (s *Service) Start(ctx context.Context, configured map[string]string) error {
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		if err := s.closeUnconfigured(ctx, tx, configured); err != nil {
			return err
		}
		for id, ref := range configured {
			cur, err := current(ctx, tx, id)
			if err != nil {
				return err
			}
			if cur != nil && cur.ref == ref {
				continue
			}
			if err := s.record(ctx, tx, id, ref, ByConfig, 0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	rows, err := s.db.Reader().Query(ctx, `SELECT instrument FROM instrument_licences WHERE disabled_at IS NULL`)
	if err != nil {
		return errs.Wrap(err, "loading instrument licences")
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return errs.Wrap(err, "loading instrument licences")
		}
		if err := s.reg.Enable(id); err != nil {
			return errs.E(errs.Invalid, "a licence is recorded for %q, which is not loaded: %v", id, err)
		}
	}
	return errs.Wrap(rows.Err(), "loading instrument licences")
}

// closeUnconfigured switches off what the configuration switched on and
// no longer lists.
func (s *Service) closeUnconfigured(ctx context.Context, tx *store.Tx, configured map[string]string) error {
	rows, err := tx.Query(ctx, `SELECT id, instrument FROM instrument_licences WHERE source = ? AND disabled_at IS NULL`, ByConfig)
	if err != nil {
		return errs.Wrap(err, "loading instrument licences")
	}
	type switchRow struct {
		id         int64
		instrument string
	}
	var stale []switchRow
	for rows.Next() {
		var o switchRow
		if err := rows.Scan(&o.id, &o.instrument); err != nil {
			rows.Close()
			return errs.Wrap(err, "loading instrument licences")
		}
		if _, ok := configured[o.instrument]; !ok {
			stale = append(stale, o)
		}
	}
	if err := rows.Close(); err != nil {
		return errs.Wrap(err, "loading instrument licences")
	}
	for _, o := range stale {
		if _, err := tx.Exec(ctx, `UPDATE instrument_licences SET disabled_at = ? WHERE id = ?`, s.now().UTC(), o.id); err != nil {
			return errs.Wrap(err, "closing a configured licence")
		}
		if err := s.audit(ctx, tx, 0, "instrument_licence_disabled", o.id, "instrument="+o.instrument+" source="+ByConfig); err != nil {
			return err
		}
	}
	return nil
}

// current is the open switch of an instrument, nil when off.
type open struct {
	id  int64
	ref string
}

func current(ctx context.Context, q store.Querier, id string) (*open, error) {
	var o open
	err := q.QueryRow(ctx, `SELECT id, licence_ref FROM instrument_licences WHERE instrument = ? AND disabled_at IS NULL ORDER BY id DESC LIMIT 1`, id).Scan(&o.id, &o.ref)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, errs.Wrap(err, "loading the instrument licence")
	}
	return &o, nil
}

// record closes any open switch of the instrument and opens a new one,
// audited, in tx.
func (s *Service) record(ctx context.Context, tx *store.Tx, id, ref, source string, by int64) error {
	now := s.now().UTC()
	var user any
	if by != 0 {
		user = by
	}
	if _, err := tx.Exec(ctx, `UPDATE instrument_licences SET disabled_at = ?, disabled_by = ? WHERE instrument = ? AND disabled_at IS NULL`, now, user, id); err != nil {
		return errs.Wrap(err, "closing the earlier licence")
	}
	rowID, err := store.InsertID(ctx, tx, `INSERT INTO instrument_licences (instrument, licence_ref, source, enabled_by, enabled_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		id, ref, source, user, now)
	if err != nil {
		return errs.Wrap(err, "recording the licence")
	}
	return s.audit(ctx, tx, by, "instrument_licence_enabled", rowID, "instrument="+id+" source="+source)
}

func (s *Service) audit(ctx context.Context, tx *store.Tx, by int64, action string, rowID int64, detail string) error {
	role := string(account.Admin)
	if by == 0 {
		role = "system"
	}
	err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: s.now().UTC(), ActorID: by, ActorRole: role, Action: action,
		ResourceType: "instrument_licence", ResourceID: strconv.FormatInt(rowID, 10), Outcome: audit.OutcomeOK, Detail: detail}))
	return errs.Wrap(err, "writing audit event")
}

func adminOnly(a policy.Actor) error {
	if a.Role != account.Admin {
		return errs.E(errs.Forbidden, "only an admin switches licensed instruments")
	}
	return nil
}

// Enable switches an instrument on for the deployment under the admin's
// licence reference.
func (s *Service) Enable(ctx context.Context, a policy.Actor, id, ref string) error {
	if err := adminOnly(a); err != nil {
		return err
	}
	id, ref = strings.ToLower(strings.TrimSpace(id)), strings.TrimSpace(ref)
	if _, err := gated(s.reg, id); err != nil {
		return err
	}
	if err := checkRef(ref); err != nil {
		return err
	}
	err := s.db.InTx(ctx, func(tx *store.Tx) error { return s.record(ctx, tx, id, ref, ByAdmin, a.UserID) })
	if err != nil {
		return err
	}
	return errs.Wrap(s.reg.Enable(id), "enabling the instrument")
}

// Disable switches an instrument off for the deployment.
func (s *Service) Disable(ctx context.Context, a policy.Actor, id string) error {
	if err := adminOnly(a); err != nil {
		return err
	}
	id = strings.ToLower(strings.TrimSpace(id))
	if _, err := gated(s.reg, id); err != nil {
		return err
	}
	err := s.db.InTx(ctx, func(tx *store.Tx) error {
		cur, err := current(ctx, tx, id)
		if err != nil || cur == nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE instrument_licences SET disabled_at = ?, disabled_by = ? WHERE id = ?`, s.now().UTC(), a.UserID, cur.id); err != nil {
			return errs.Wrap(err, "switching the instrument off")
		}
		return s.audit(ctx, tx, a.UserID, "instrument_licence_disabled", cur.id, "instrument="+id)
	})
	if err != nil {
		return err
	}
	return errs.Wrap(s.reg.Disable(id), "disabling the instrument")
}

// List is every licence-gated instrument with its switch, for admins.
func (s *Service) List(ctx context.Context, a policy.Actor) ([]Status, error) {
	if err := adminOnly(a); err != nil {
		return nil, err
	}
	var out []Status
	for _, def := range s.reg.Gated() {
		st := Status{ID: def.ID, Title: def.Title, Licence: def.Licence, HasWording: len(def.Items) == def.ItemCount, Enabled: def.Enabled}
		var by sql.NullString
		err := s.db.Reader().QueryRow(ctx, `SELECT l.licence_ref, l.source, u.name, l.enabled_at FROM instrument_licences l LEFT JOIN users u ON u.id = l.enabled_by
			WHERE l.instrument = ? AND l.disabled_at IS NULL ORDER BY l.id DESC LIMIT 1`, def.ID).Scan(&st.Ref, &st.Source, &by, &st.EnabledAt)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, errs.Wrap(err, "loading instrument licences")
		}
		st.EnabledBy = by.String
		out = append(out, st)
	}
	return out, nil
}
