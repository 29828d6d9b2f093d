package billing

import (
	"context"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/humantime"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
)

// Service is the billing use cases.
type Service struct {
	db       *store.DB
	tx       *store.Tx // set by Within
	now      func() time.Time
	checkout CardCheckout // nil: no online card payments
	secrets  Secrets      // seals the practices' Stripe keys
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB  *store.DB
	Now func() time.Time // the clock (UTC)
	// Checkout takes card payments online (Stripe); nil: none.
	Checkout CardCheckout
	// Secrets seals the practices' Stripe keys (vault.PracticeSecrets);
	// required to save or use one.
	Secrets Secrets
}

// NewService returns the billing service.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, now: d.Now, checkout: d.Checkout, secrets: d.Secrets}
}

// Within returns the service bound to an open transaction: its use cases
// then read and write inside it instead of opening their own (the demo
// seed, and callers that must bill atomically with their own change).
func (s *Service) Within(tx *store.Tx) *Service {
	c := *s
	c.tx = tx
	return &c
}

func (s *Service) inTx(ctx context.Context, fn func(tx *store.Tx) error) error {
	return store.Scope{DB: s.db, Tx: s.tx}.InTx(ctx, fn)
}

// reader is where reads go: the bound transaction (so they see its
// writes), else the read pool.
func (s *Service) reader() store.Querier {
	return store.Scope{DB: s.db, Tx: s.tx}.Reader()
}

// authorize is the one place billing asks the policy about a client's
// billing data. Inside a transaction it also appends the audit event there,
// so an access that cannot be audited does not happen.
func (s *Service) authorize(ctx context.Context, q store.Querier, a policy.Actor, clientID int64, act policy.Action) error {
	return s.decide(ctx, q, a, clientID, policy.Billing, act)
}

func (s *Service) decide(ctx context.Context, q store.Querier, a policy.Actor, clientID int64, c policy.Category, act policy.Action) error {
	if err := policy.Decide(ctx, q, a, clientID, c, act, s.now()); err != nil {
		return err
	}
	tx, ok := q.(*store.Tx)
	if !ok {
		return nil
	}
	action := audit.ActionRead
	if act == policy.Write {
		action = audit.ActionWrite
	}
	err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: s.now(), ActorID: a.UserID, ActorRole: string(a.Role),
		Action: action, ResourceType: string(c), ClientID: clientID, Outcome: audit.OutcomeOK}))
	return errs.Wrap(err, "writing audit event")
}

// requireAdmin guards practice-wide billing (fees, tiers, reports).
func requireAdmin(a policy.Actor) error {
	if a.Role != account.Admin {
		return errs.E(errs.Forbidden, "billing is managed by the practice admin")
	}
	return nil
}

// Settings returns the actor's practice's billing settings (admins only:
// they include the Stripe keys).
func (s *Service) Settings(ctx context.Context, a policy.Actor) (Settings, error) {
	if err := requireAdmin(a); err != nil {
		return Settings{}, err
	}
	return s.settings(ctx, s.reader(), a.PracticeID)
}

// Validate checks settings typed by an admin.
func (st *Settings) Validate() error {
	v := errs.Validation{}
	st.Currency = strings.ToUpper(strings.TrimSpace(st.Currency))
	st.LegalName, st.Address, st.TaxID = strings.TrimSpace(st.LegalName), strings.TrimSpace(st.Address), strings.TrimSpace(st.TaxID)
	st.StripeSecretKey = strings.TrimSpace(st.StripeSecretKey)
	st.StripeWebhookSecret = strings.TrimSpace(st.StripeWebhookSecret)
	v.Check(ValidCurrency(st.Currency), "currency", "choose USD, CAD, AUD, NZD, EUR, GBP or CHF")
	v.Check(len(st.LegalName) <= 200, "legal_name", "use at most 200 characters")
	v.Check(len(st.Address) <= 500, "address", "use at most 500 characters")
	v.Check(len(st.TaxID) <= 50, "tax_id", "use at most 50 characters")
	v.Check(st.PaymentTermsDays >= 0 && st.PaymentTermsDays <= 365, "payment_terms_days", "enter between 0 and 365 days")
	v.Check(st.Invoicing == PerSession || st.Invoicing == PerPeriod, "invoicing", "choose per session or per period")
	v.Check(st.LateCancelBP >= 0 && st.LateCancelBP <= 10000, "late_cancel_percent", "enter a percentage between 0 and 100")
	v.Check(st.NoShowBP >= 0 && st.NoShowBP <= 10000, "no_show_percent", "enter a percentage between 0 and 100")
	v.Check(st.CircleFee >= 0 && st.CircleFee <= maxAmount, "circle_fee", "enter an amount such as 40.00")
	v.Check(st.StripeSecretKey == "" || strings.HasPrefix(st.StripeSecretKey, "sk_"), "stripe_secret_key", "a Stripe secret key starts with sk_")
	v.Check(st.StripeWebhookSecret == "" || strings.HasPrefix(st.StripeWebhookSecret, "whsec_"), "stripe_webhook_secret", "a Stripe webhook signing secret starts with whsec_")
	v.Check(len(st.StripeSecretKey) <= 255 && len(st.StripeWebhookSecret) <= 255, "stripe_secret_key", "that key is too long")
	return v.Err()
}

// SaveSettings stores the actor's practice's billing settings. The currency
// cannot change once anything has been billed (amounts would change meaning).
func (s *Service) SaveSettings(ctx context.Context, a policy.Actor, st Settings) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	st.PracticeID = a.PracticeID
	if err := st.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		old, err := s.settings(ctx, tx, a.PracticeID)
		if err != nil {
			return err
		}
		keepStripeKeys(&st, old)
		if old.Currency != st.Currency {
			var n int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM billing_lines WHERE practice_id = ?`, a.PracticeID).Scan(&n); err != nil {
				return errs.Wrap(err, "checking billing history")
			}
			if n > 0 {
				return &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields",
					Fields: map[string]string{"currency": "the currency cannot change after the practice has billed in it"}}
			}
		}
		if err := s.sealSecrets(ctx, tx, &st); err != nil {
			return err
		}
		return saveSettings(ctx, tx, st, s.now())
	})
}

// keepStripeKeys: saved keys are never sent back to the browser, so an
// empty field keeps the saved key, unless the admin removes online cards.
func keepStripeKeys(st *Settings, old Settings) {
	if st.RemoveStripe {
		st.StripeSecretKey, st.StripeWebhookSecret = "", ""
		return
	}
	if st.StripeSecretKey == "" {
		st.StripeSecretKey = old.StripeSecretKey
	}
	if st.StripeWebhookSecret == "" {
		st.StripeWebhookSecret = old.StripeWebhookSecret
	}
}

// SetFee sets a coach's price for a session length (replacing any price for
// that length). Invoices already issued keep their amounts.
func (s *Service) SetFee(ctx context.Context, a policy.Actor, f Fee) (Fee, error) {
	if err := requireAdmin(a); err != nil {
		return Fee{}, err
	}
	v := errs.Validation{}
	v.Check(f.CoachID > 0, "coach_id", "choose a coach")
	v.Check(f.LengthMinutes >= 15 && f.LengthMinutes <= 240, "length_minutes", "enter a length between 15 and 240 minutes")
	v.Check(f.Price.Amount >= 0 && f.Price.Amount <= maxAmount, "amount", "enter an amount such as 150.00")
	if err := v.Err(); err != nil {
		return Fee{}, err
	}
	err := s.inTx(ctx, func(tx *store.Tx) error {
		name, err := coachInPractice(ctx, tx, f.CoachID, a.PracticeID)
		if err != nil {
			return &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields", Fields: map[string]string{"coach_id": "choose a coach of this practice"}}
		}
		st, err := loadSettings(ctx, tx, a.PracticeID)
		if err != nil {
			return err
		}
		f.CoachName, f.Price.Currency = name, st.Currency
		f.ID, err = store.InsertID(ctx, tx, `INSERT INTO fee_schedules (practice_id, coach_id, length_minutes, amount, currency, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (coach_id, length_minutes) DO UPDATE SET amount = excluded.amount,
			currency = excluded.currency, updated_at = excluded.updated_at RETURNING id`,
			a.PracticeID, f.CoachID, f.LengthMinutes, f.Price.Amount, f.Price.Currency, s.now())
		return errs.Wrap(err, "saving fee")
	})
	return f, err
}

// Fees lists the fee schedule: every fee for an admin, a coach's own fees
// for a coach.
func (s *Service) Fees(ctx context.Context, a policy.Actor) ([]Fee, error) {
	where, arg := "f.practice_id = ?", a.PracticeID
	switch a.Role {
	case account.Admin:
	case account.Coach:
		where, arg = "f.coach_id = ?", a.UserID
	default:
		return nil, errs.E(errs.Forbidden, "fee schedules are for the practice's staff")
	}
	rows, err := s.reader().Query(ctx, `SELECT f.id, f.coach_id, u.name, f.length_minutes, f.amount, f.currency
		FROM fee_schedules f JOIN users u ON u.id = f.coach_id WHERE `+where+` ORDER BY u.name, f.length_minutes`, arg)
	if err != nil {
		return nil, errs.Wrap(err, "listing fees")
	}
	defer rows.Close()
	var out []Fee
	for rows.Next() {
		var f Fee
		if err := rows.Scan(&f.ID, &f.CoachID, &f.CoachName, &f.LengthMinutes, &f.Price.Amount, &f.Price.Currency); err != nil {
			return nil, errs.Wrap(err, "reading fees")
		}
		out = append(out, f)
	}
	return out, errs.Wrap(rows.Err(), "reading fees")
}

// SaveTier adds a sliding-scale tier.
func (s *Service) SaveTier(ctx context.Context, a policy.Actor, t Tier) (Tier, error) {
	if err := requireAdmin(a); err != nil {
		return Tier{}, err
	}
	t.Name = strings.TrimSpace(t.Name)
	v := errs.Validation{}
	v.Check(t.Name != "" && len(t.Name) <= 80, "name", "enter a name of at most 80 characters, such as Community")
	v.Check(t.DiscountBP >= 1 && t.DiscountBP <= 10000, "discount_percent", "enter a discount between 0.01 and 100 percent")
	if err := v.Err(); err != nil {
		return Tier{}, err
	}
	err := s.inTx(ctx, func(tx *store.Tx) error {
		var err error
		t.ID, err = store.InsertID(ctx, tx, `INSERT INTO sliding_tiers (practice_id, name, discount_bp, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			a.PracticeID, t.Name, t.DiscountBP, s.now())
		if store.IsUniqueViolation(err) {
			return &errs.Error{Kind: errs.Invalid, Msg: "please correct the highlighted fields", Fields: map[string]string{"name": "a tier with this name exists"}}
		}
		return errs.Wrap(err, "saving tier")
	})
	return t, err
}

// Tiers lists the practice's sliding-scale tiers (staff only).
func (s *Service) Tiers(ctx context.Context, a policy.Actor) ([]Tier, error) {
	if a.Role != account.Admin && a.Role != account.Coach {
		return nil, errs.E(errs.Forbidden, "tiers are for the practice's staff")
	}
	rows, err := s.reader().Query(ctx, `SELECT id, name, discount_bp FROM sliding_tiers WHERE practice_id = ? ORDER BY discount_bp, name`, a.PracticeID)
	if err != nil {
		return nil, errs.Wrap(err, "listing tiers")
	}
	defer rows.Close()
	var out []Tier
	for rows.Next() {
		var t Tier
		if err := rows.Scan(&t.ID, &t.Name, &t.DiscountBP); err != nil {
			return nil, errs.Wrap(err, "reading tiers")
		}
		out = append(out, t)
	}
	return out, errs.Wrap(rows.Err(), "reading tiers")
}

// AssignTier puts a client on a sliding-scale tier until a review date;
// TierID 0 takes them off the sliding scale.
func (s *Service) AssignTier(ctx context.Context, a policy.Actor, ta TierAssignment) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *store.Tx) error {
		if err := s.authorize(ctx, tx, a, ta.ClientID, policy.Write); err != nil {
			return err
		}
		if ta.TierID == 0 {
			_, err := tx.Exec(ctx, `DELETE FROM client_tiers WHERE client_id = ?`, ta.ClientID)
			return errs.Wrap(err, "removing tier")
		}
		v := errs.Validation{}
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM sliding_tiers WHERE id = ? AND practice_id = ?`, ta.TierID, a.PracticeID).Scan(&n); err != nil {
			return errs.Wrap(err, "checking tier")
		}
		v.Check(n == 1, "tier_id", "choose one of the practice's tiers")
		v.Check(!ta.ReviewOn.IsZero() && ta.ReviewOn.After(s.now()), "review_on", "choose a review date in the future")
		if err := v.Err(); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO client_tiers (client_id, tier_id, review_on, assigned_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (client_id) DO UPDATE SET tier_id = excluded.tier_id, review_on = excluded.review_on, assigned_at = excluded.assigned_at`,
			ta.ClientID, ta.TierID, ta.ReviewOn.UTC(), s.now())
		return errs.Wrap(err, "assigning tier")
	})
}

// SellPackage records a package bought by a client and invoices it at once
// (whatever the practice's invoicing setting: a package is paid up front).
func (s *Service) SellPackage(ctx context.Context, a policy.Actor, np NewPackage) (Package, Invoice, error) {
	if err := requireAdmin(a); err != nil {
		return Package{}, Invoice{}, err
	}
	np.Name = strings.TrimSpace(np.Name)
	now := s.now()
	v := errs.Validation{}
	v.Check(np.Name != "" && len(np.Name) <= 80, "name", "enter a name of at most 80 characters, such as Eight-session package")
	v.Check(np.SessionsTotal >= 1 && np.SessionsTotal <= 100, "sessions", "enter between 1 and 100 sessions")
	v.Check(np.Price >= 0 && np.Price <= maxAmount, "price", "enter a price such as 960.00")
	v.Check(np.ExpiresAt.After(now), "expires_on", "choose an expiry date in the future")
	if err := v.Err(); err != nil {
		return Package{}, Invoice{}, err
	}
	var p Package
	var inv Invoice
	err := s.inTx(ctx, func(tx *store.Tx) error {
		if err := s.authorize(ctx, tx, a, np.ClientID, policy.Write); err != nil {
			return err
		}
		c, err := loadClient(ctx, tx, np.ClientID)
		if err != nil {
			return err
		}
		st, err := loadSettings(ctx, tx, c.practiceID)
		if err != nil {
			return err
		}
		p = Package{ClientID: np.ClientID, ClientName: c.name, Name: np.Name, SessionsTotal: np.SessionsTotal,
			Price: Money{np.Price, st.Currency}, PurchasedAt: now, ExpiresAt: np.ExpiresAt.UTC()}
		p.ID, err = store.InsertID(ctx, tx, `INSERT INTO client_packages (practice_id, client_id, name, sessions_total, price, currency, purchased_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.practiceID, p.ClientID, p.Name, p.SessionsTotal, np.Price, st.Currency, now, p.ExpiresAt)
		if err != nil {
			return errs.Wrap(err, "saving package")
		}
		line := Line{ClientID: np.ClientID, CoachID: c.coachID, SourceKind: SourcePackage, SourceID: p.ID,
			Description: packageDescription(p), OccurredAt: now, ListAmount: np.Price, Amount: np.Price, Currency: st.Currency, PackageID: p.ID}
		if line, err = insertLine(ctx, tx, c.practiceID, line, now); err != nil {
			return err
		}
		inv, err = s.issueInvoice(ctx, tx, st, np.ClientID, c.coachID, []Line{line})
		return err
	})
	return p, inv, err
}

// packageDescription is an invoice line's wording, stored once at issue and
// read by both client and practice, so its expiry is the UTC calendar date.
func packageDescription(p Package) string {
	return p.Name + " (" + itoa(p.SessionsTotal) + " integration coaching sessions, valid until " + humantime.Day(p.ExpiresAt, time.UTC) + ")"
}
