package policy

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// Policy authorizes and audits access to client data.
type Policy struct {
	db  *store.DB
	now func() time.Time
	log *slog.Logger
}

// New returns the policy service. log receives what cannot be returned to
// the caller (an audit event for a refusal that could not be written); nil
// discards it.
func New(db *store.DB, now func() time.Time, log *slog.Logger) *Policy {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Policy{db: db, now: now, log: log}
}

// Access describes one access to a client's data.
type Access struct {
	ClientID     int64
	Category     Category
	Action       Action
	ResourceType string // e.g. "journal_entry"; defaults to the category
	ResourceID   int64  // 0 when the access is to a list
	Detail       string // content-free hint, e.g. "fields=processing,patterns"
}

// Do runs fn in a transaction if actor may make the access, and appends the
// audit event in that same transaction: if the event cannot be written, the
// access fails with it. A refused access is audited too (in its own
// transaction, after the refused one rolled back) and returns the refusal.
func (p *Policy) Do(ctx context.Context, a Actor, acc Access, fn func(tx *store.Tx) error) error {
	return p.do(ctx, a, acc, fn, p.db.InTx)
}

// DoGrouped is Do for a frequent write that may share its transaction and
// its commit with other concurrent writes (store.GroupWrite): a burst of
// journal saves pays one commit — one fsync, one audit chain update —
// instead of one each, and each returns once its own is durable. fn must
// write only inside tx and be safe to run again after a rollback (a batch
// that fails, a refusal included, is retried one write at a time).
func (p *Policy) DoGrouped(ctx context.Context, a Actor, acc Access, fn func(tx *store.Tx) error) error {
	return p.do(ctx, a, acc, fn, p.db.GroupWrite)
}

func (p *Policy) do(ctx context.Context, a Actor, acc Access, fn func(tx *store.Tx) error, inTx func(context.Context, func(*store.Tx) error) error) error {
	var refusal error
	err := inTx(ctx, func(tx *store.Tx) error {
		if err := decideOnce(ctx, tx, a, acc, p.now()); err != nil {
			refusal = err
			return err
		}
		if err := audit.Append(ctx, tx, p.event(ctx, a, acc, audit.OutcomeOK)); err != nil {
			return errs.Wrap(err, "writing audit event")
		}
		return fn(tx)
	})
	if refusal != nil && errs.KindOf(refusal) != errs.Internal {
		p.auditRefusal(ctx, a, acc)
	}
	return err
}

// allowed is the decisions a transaction already made that allowed an
// access, for decideOnce.
type allowed struct{}

type decision struct {
	actor    Actor
	clientID int64
	category Category
	action   Action
}

// decideOnce is Decide made once per transaction for the same actor and
// access: a group commit's batch of one client's saves (the journal, a
// questionnaire) asks the same question for each, and each answer was a
// round trip on PostgreSQL while the batch waited (issue 17). Only a
// client's or a coach's allowed decision is kept: it depends on the client
// row alone, read in this transaction, not on the time (an admin's
// break-glass and a clinician's consent expire).
func decideOnce(ctx context.Context, tx *store.Tx, a Actor, acc Access, now time.Time) error {
	d := decision{actor: a, clientID: acc.ClientID, category: acc.Category, action: acc.Action}
	done, _ := tx.Value(allowed{}).(map[decision]bool)
	if done[d] {
		return nil
	}
	if err := Decide(ctx, tx, a, acc.ClientID, acc.Category, acc.Action, now); err != nil {
		return err
	}
	if a.Role != account.Client && a.Role != account.Coach {
		return nil
	}
	if done == nil {
		done = map[decision]bool{}
		tx.SetValue(allowed{}, done)
	}
	done[d] = true
	return nil
}

// View is Do for reads that write nothing: it decides and runs fn in a
// read-only snapshot on the read pool, then records the audit event by
// group commit (audit.Record) and returns nil only once the event is
// durable. Callers show nothing unless View returned nil, so no access is
// answered without its event — and page views no longer queue one by one
// behind the single writer, each with its own commit. fn must not write.
func (p *Policy) View(ctx context.Context, a Actor, acc Access, fn func(tx *store.Tx) error) error {
	return p.ViewAll(ctx, a, []Access{acc}, fn)
}

// ViewAll is View for a page that reads several of one actor's accesses
// at once (the journal page: the entries and the prompts the coach
// assigned): every access is decided in one read-only snapshot, fn reads
// them all there, and every access's event is recorded in one group
// commit — one snapshot and one wait for durability for the page instead
// of one per access, and still one event per access. It returns nil only
// once every event is durable. The first refusal stops it and is audited
// as View audits it.
func (p *Policy) ViewAll(ctx context.Context, a Actor, accs []Access, fn func(tx *store.Tx) error) error {
	var refusal error
	var refused Access
	err := p.db.InShortReadTx(ctx, func(tx *store.Tx) error {
		now := p.now()
		// Each client's row is read once for the page: its accesses of
		// several categories (the client dashboard's) are decided on the
		// same row, one round trip on PostgreSQL instead of one per
		// category (issue 17).
		var subjects map[int64]subject
		for i, acc := range accs {
			if i > 0 && sameDecision(acc, accs[i-1]) {
				continue
			}
			s, seen := subjects[acc.ClientID]
			if !seen {
				var err error
				if s, err = loadSubject(ctx, tx, acc.ClientID); err != nil {
					refusal, refused = err, acc
					return err
				}
				if subjects == nil {
					subjects = map[int64]subject{}
				}
				subjects[acc.ClientID] = s
			}
			if err := decideFor(ctx, tx, a, acc.ClientID, s, acc.Category, acc.Action, now); err != nil {
				refusal, refused = err, acc
				return err
			}
		}
		return fn(tx)
	})
	if refusal != nil && errs.KindOf(refusal) != errs.Internal {
		p.auditRefusal(ctx, a, refused)
	}
	if err != nil {
		return err
	}
	events := make([]audit.Event, len(accs))
	for i, acc := range accs {
		events[i] = p.event(ctx, a, acc, audit.OutcomeOK)
	}
	return errs.Wrap(audit.RecordAll(ctx, p.db, events), "writing audit event")
}

// Part is one audited read of a page that reads several, perhaps from
// several services, in one snapshot (ViewParts): its access and its read.
type Part struct {
	Access Access
	Read   func(tx *store.Tx) error
	// plain marks a part made by Plain: read in the snapshot, nothing to
	// decide or record.
	plain bool
}

// Plain is a part of the page that needs no decision and records no event
// (the navigation's unread-message count: what the layout reads without
// the policy anyway), so that it is read in the page's snapshot — on
// SQLite no read transaction of its own, on PostgreSQL no round trip on
// another pooled connection. read must not read clinical detail that an
// audited part would show. It is Also for ViewParts.
func Plain(read func(tx *store.Tx) error) Part {
	return Part{Read: read, plain: true}
}

// ViewParts is ViewAll over parts: every part's access decided and its
// event recorded as ViewAll does, their reads run in order in one
// read-only snapshot. Consecutive parts with the same decision are
// decided once; Plain parts are only read.
func (p *Policy) ViewParts(ctx context.Context, a Actor, parts ...Part) error {
	accs := make([]Access, 0, len(parts))
	for _, pt := range parts {
		if !pt.plain {
			accs = append(accs, pt.Access)
		}
	}
	return p.ViewAll(ctx, a, accs, func(tx *store.Tx) error {
		for _, pt := range parts {
			if err := pt.Read(tx); err != nil {
				return err
			}
		}
		return nil
	})
}

// sameDecision: Decide would answer x as it answered y.
func sameDecision(x, y Access) bool {
	return x.ClientID == y.ClientID && x.Category == y.Category && x.Action == y.Action
}

// DoIn is Do inside a transaction the caller already holds (the demo
// seed, or a use case that must commit with other writes): it decides and
// audits in tx, then runs fn there. A refusal rolls tx back with it.
func (p *Policy) DoIn(ctx context.Context, tx *store.Tx, a Actor, acc Access, fn func(tx *store.Tx) error) error {
	if err := Decide(ctx, tx, a, acc.ClientID, acc.Category, acc.Action, p.now()); err != nil {
		return err
	}
	if err := audit.Append(ctx, tx, p.event(ctx, a, acc, audit.OutcomeOK)); err != nil {
		return errs.Wrap(err, "writing audit event")
	}
	return fn(tx)
}

// Check authorizes an access that writes nothing else (for example a
// decision shown on a page) and audits it in its own transaction.
func (p *Policy) Check(ctx context.Context, a Actor, acc Access) error {
	return p.Do(ctx, a, acc, func(*store.Tx) error { return nil })
}

// auditRefusal records a refused access in its own transaction. The
// caller already answers with the refusal, so a failure to write the event
// is logged (ids and the resource type only, never content) rather than
// returned.
func (p *Policy) auditRefusal(ctx context.Context, a Actor, acc Access) {
	err := p.db.InTx(ctx, func(tx *store.Tx) error {
		ev := p.event(ctx, a, acc, audit.OutcomeDenied)
		// The client id is recorded only when the client exists, so the
		// audit trail cannot be used to probe ids either.
		if _, err := loadSubject(ctx, tx, acc.ClientID); err != nil {
			ev.ClientID = 0
		}
		err := audit.Append(ctx, tx, ev)
		return err
	})
	if err != nil {
		p.log.ErrorContext(ctx, "audit event for a refused access not written", "actor_id", a.UserID, "actor_role", string(a.Role),
			"client_id", acc.ClientID, "resource_type", p.event(ctx, a, acc, audit.OutcomeDenied).ResourceType, "err", err)
	}
}

func (p *Policy) event(ctx context.Context, a Actor, acc Access, outcome string) audit.Event {
	resource := acc.ResourceType
	if resource == "" {
		resource = string(acc.Category)
	}
	id := ""
	if acc.ResourceID != 0 {
		id = strconv.FormatInt(acc.ResourceID, 10)
	}
	action := audit.ActionRead
	if acc.Action == Write {
		action = audit.ActionWrite
	}
	return audit.Stamp(ctx, audit.Event{
		At: p.now(), ActorID: a.UserID, ActorRole: string(a.Role), Action: action,
		ResourceType: resource, ResourceID: id, ClientID: acc.ClientID, Outcome: outcome, Detail: acc.Detail,
	})
}

// ViewList is View for a list showing several clients' data of category
// c (a queue, a roster): fn reads the list in a read-only snapshot and
// returns the clients it shows; ViewList decides, in that snapshot, per
// client whether the actor may read that category's clinical detail — an
// admin only under break-glass — so the list can withhold it, and records
// one event per client (each sees it in their access history) by group
// commit. The list may be shown only when ViewList returned nil: by then
// every event is durable.
func (p *Policy) ViewList(ctx context.Context, a Actor, c Category, resource string, fn func(tx *store.Tx) ([]int64, error)) (map[int64]bool, error) {
	l := &List{Category: c, Resource: resource, Read: func(_ context.Context, tx *store.Tx) ([]int64, error) { return fn(tx) }}
	if err := p.ViewLists(ctx, a, l); err != nil {
		return nil, err
	}
	return l.May, nil
}

// ViewListOf is ViewLists for a page of one list: build makes the list
// that reads into *out, and withhold, once it is read, blanks the detail
// of every client the actor may not read (the list's May).
func ViewListOf[T any](ctx context.Context, p *Policy, a Actor, build func(out *[]T) (*List, error), withhold func(out []T, may map[int64]bool)) ([]T, error) {
	var out []T
	l, err := build(&out)
	if err != nil {
		return nil, err
	}
	if err := p.ViewLists(ctx, a, l); err != nil {
		return nil, err
	}
	withhold(out, l.May)
	return out, nil
}

// List is one list of a page that ViewLists reads: Read reads it in the
// shared snapshot and returns the clients it shows; May is, once
// ViewLists returned nil, whether the actor may read each one's clinical
// detail of Category.
type List struct {
	Category Category
	Resource string // the audit events' resource type
	Read     func(ctx context.Context, tx *store.Tx) ([]int64, error)
	May      map[int64]bool
	// plain marks a list made by Also: read in the snapshot, nothing to
	// decide or record.
	plain bool
}

// Also is a read of the page that needs no decision and records no event
// (the actor's own roster, sessions and plans: what the services read
// without the policy anyway), made one of ViewLists's lists so that the
// whole page reads one snapshot — one read transaction instead of one per
// query on SQLite, one pooled connection for the page on PostgreSQL. read
// must not read clinical detail that an audited read would show.
func Also(read func(ctx context.Context, tx *store.Tx) error) *List {
	return &List{plain: true, Read: func(ctx context.Context, tx *store.Tx) ([]int64, error) { return nil, read(ctx, tx) }}
}

// ViewLists is ViewList for a page showing several lists (the coach
// dashboard's open safety alerts and clients who need a clinician): every
// list is read and decided in one read-only snapshot, and every event —
// still one per client and list — is recorded in one group commit.
func (p *Policy) ViewLists(ctx context.Context, a Actor, lists ...*List) error {
	var events []audit.Event
	err := p.db.InShortReadTx(ctx, func(tx *store.Tx) error {
		now := p.now()
		// Every list is read first, then the rows of all their clients in
		// one query, then each list decided: one round trip for the page's
		// client rows on PostgreSQL instead of one per list (issue 17; the
		// coach dashboard reads two audited lists).
		shown := make([][]int64, len(lists))
		var all []int64
		seen := map[int64]bool{}
		for i, l := range lists {
			clientIDs, err := l.Read(ctx, tx)
			if err != nil {
				return err
			}
			if l.plain {
				continue
			}
			shown[i] = clientIDs
			for _, id := range clientIDs {
				if !seen[id] {
					seen[id] = true
					all = append(all, id)
				}
			}
		}
		subjects, err := loadSubjects(ctx, tx, all)
		if err != nil {
			return err
		}
		for i, l := range lists {
			if l.plain {
				continue
			}
			clientIDs := shown[i]
			l.May = make(map[int64]bool, len(clientIDs))
			for _, id := range clientIDs {
				if _, seen := l.May[id]; seen {
					continue
				}
				s, ok := subjects[id]
				l.May[id] = ok && decideFor(ctx, tx, a, id, s, l.Category, Read, now) == nil
				acc := Access{ClientID: id, Category: l.Category, Action: Read, ResourceType: l.Resource}
				if !l.May[id] {
					acc.Detail = "detail_withheld"
				}
				events = append(events, p.event(ctx, a, acc, audit.OutcomeOK))
			}
		}
		return nil
	})
	if err != nil {
		for _, l := range lists {
			l.May = nil
		}
		return err
	}
	if err := audit.RecordAll(ctx, p.db, events); err != nil {
		for _, l := range lists {
			l.May = nil
		}
		return errs.Wrap(err, "writing audit event")
	}
	return nil
}
