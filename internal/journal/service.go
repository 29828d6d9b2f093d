package journal

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/audit"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// Service is the journal's use cases.
type Service struct {
	db     *store.DB
	policy *policy.Policy
	vault  *vault.Vault
	files  *attachment.Files
	scan   RiskScanner
	now    func() time.Time
}

// Deps are the service's collaborators, all given at construction.
type Deps struct {
	DB     *store.DB
	Policy *policy.Policy
	Vault  *vault.Vault
	Files  *attachment.Files // drawings and photos attached to entries
	Scan   RiskScanner
	Now    func() time.Time
}

// NewService wires the journal.
func NewService(d Deps) *Service {
	return &Service{db: d.DB, policy: d.Policy, vault: d.Vault, files: d.Files, scan: d.Scan, now: d.Now}
}

// ErrNotFound is what anyone but the client gets for an entry that is not
// shared with them.
var ErrNotFound = errs.NotFoundf("journal entry not found")

// authorize is the one gate in front of a client's journal: the policy
// decides and audits, then fn runs in the same transaction.
func (s *Service) authorize(ctx context.Context, actor policy.Actor, clientID int64, act policy.Action, id int64, detail string, fn func(tx *store.Tx) error) error {
	acc := access(clientID, act, id, detail)
	if act == policy.Read {
		return s.policy.View(ctx, actor, acc, fn) // reads write nothing: a snapshot, audited by group commit
	}
	return s.policy.Do(ctx, actor, acc, fn)
}

// access is one access to the client's journal, as the audit trail names it.
func access(clientID int64, act policy.Action, id int64, detail string) policy.Access {
	return policy.Access{ClientID: clientID, Category: policy.Journal, Action: act,
		ResourceType: "journal_entry", ResourceID: id, Detail: detail}
}

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// ownerOnly: only the client writes, shares or attaches to their journal.
func ownerOnly(actor policy.Actor, clientID int64) error {
	if actor.Role != account.Client || actor.UserID != clientID {
		return errs.E(errs.Forbidden, "only the client writes in their journal")
	}
	return nil
}

// Save creates or updates the entry with in.Key. A submission (not a draft)
// is scanned for crisis language; the level is on the returned entry. A
// late autosave never turns a saved entry back into a draft.
func (s *Service) Save(ctx context.Context, actor policy.Actor, clientID int64, in Input) (Entry, error) {
	in.Normalize()
	if err := ownerOnly(actor, clientID); err != nil {
		return Entry{}, err
	}
	if err := in.Validate(); err != nil {
		return Entry{}, err
	}
	// A submission is scanned before the write transaction (issue 17:
	// the scan was a third of a save's time under the single writer);
	// a draft is scanned only if it turns out to update a saved entry.
	text := in.Title + "\n" + in.Body
	var scanned *safety.Result
	if !in.Draft {
		res := safety.Scan(text)
		scanned = &res
	}
	var out Entry
	// Grouped: concurrent saves share a commit. Everything below writes
	// only in tx, so a batch that failed runs it again alone.
	err := s.policy.DoGrouped(ctx, actor, access(clientID, policy.Write, 0, "fields=title,body"), func(tx *store.Tx) error {
		var promptText string
		if in.PromptID != 0 {
			var err error
			if promptText, err = visiblePromptText(ctx, tx, actor.PracticeID, in.PromptID); err != nil {
				return err
			}
		}
		now := s.stamp()
		id, status, fresh, err := s.upsert(ctx, tx, clientID, in, now)
		if err != nil {
			return err
		}
		level := safety.None
		switch {
		case status == Saved && scanned != nil:
			level, err = s.scan.RaiseScanned(ctx, tx, clientID, "journal_entry", id, *scanned)
		case status == Saved:
			level, err = s.scan.ScanText(ctx, tx, clientID, "journal_entry", id, text)
		}
		if err != nil {
			return err
		}
		// The title and body are sealed and the level written in one
		// statement: each is a round trip on PostgreSQL while the group's
		// batch waits (issue 17).
		err = s.vault.SealIntoWith(ctx, tx, clientID, "journal_entries", id,
			map[string][]byte{"title": []byte(in.Title), "body": []byte(in.Body)}, map[string]any{"safety_level": level.String()})
		if err != nil {
			return err
		}
		if fresh {
			// A new entry is what was just written, with no files yet:
			// build it rather than read it and its attachments back — two
			// statements fewer in the group's one transaction, each a
			// round trip on PostgreSQL while the batch waits (issue 17).
			out = Entry{ID: id, ClientID: clientID, Key: in.Key, PromptID: in.PromptID, PromptText: promptText, Status: status,
				Title: in.Title, Body: in.Body, SafetyLevel: level, CreatedAt: now, UpdatedAt: now}
			return nil
		}
		// The title and body were sealed from in a moment ago: return them
		// rather than read the key and open them again while the single
		// writer waits.
		se, err := entryByID(ctx, tx, clientID, id)
		if err != nil {
			return err
		}
		out = se.Entry
		out.Title, out.Body = in.Title, in.Body
		out.Attachments, err = attachment.ListFor(ctx, tx, clientID, attachment.OwnerJournal, id)
		return err
	})
	return out, err
}

// upsert writes the entry of in.Key at now, its sealed fields still to
// write; fresh reports that it was inserted rather than updated. A new
// key — the usual case — is inserted in one statement (ON CONFLICT DO
// NOTHING), without reading first.
func (s *Service) upsert(ctx context.Context, tx *store.Tx, clientID int64, in Input, now time.Time) (id int64, status Status, fresh bool, err error) {
	status = Saved
	if in.Draft {
		status = Draft
	}
	id, fresh, err = insertEntry(ctx, tx, clientID, in, status, now)
	if err != nil || fresh {
		return id, status, fresh, err
	}
	existing, found, err := entryByKey(ctx, tx, clientID, in.Key)
	if err != nil {
		return 0, "", false, err
	}
	if !found {
		return 0, "", false, errs.E(errs.Conflict, "this entry was just saved from another window; reload to see it")
	}
	id = existing.ID
	if existing.Status == Saved {
		status = Saved
	}
	_, err = tx.Exec(ctx, `UPDATE journal_entries SET status = ?, prompt_id = ?, updated_at = ? WHERE id = ?`,
		string(status), nullID(in.PromptID), now, id)
	if err != nil {
		return 0, "", false, errs.Wrap(err, "saving journal entry")
	}
	return id, status, false, nil
}

// open reads and decrypts one entry with its attachments.
func (s *Service) open(ctx context.Context, q store.Querier, clientID, id int64) (Entry, error) {
	se, err := entryByID(ctx, q, clientID, id)
	if err != nil {
		return Entry{}, err
	}
	return s.decrypt(ctx, q, se)
}

func (s *Service) decrypt(ctx context.Context, q store.Querier, se sealedEntry) (Entry, error) {
	e, err := s.openSealed(s.vault.OpenerFor(ctx, q, se.ClientID), se)
	if err != nil {
		return Entry{}, err
	}
	e.Attachments, err = attachment.ListFor(ctx, q, e.ClientID, attachment.OwnerJournal, e.ID)
	return e, err
}

// openSealed opens an entry's sealed title and body.
func (s *Service) openSealed(o *vault.Opener, se sealedEntry) (Entry, error) {
	e := se.Entry
	for _, f := range []struct {
		name string
		ct   []byte
		dst  *string
	}{{"title", se.title, &e.Title}, {"body", se.body, &e.Body}} {
		if len(f.ct) == 0 {
			continue
		}
		pt, err := o.Open(vault.AAD{Table: "journal_entries", RecordID: e.ID, Field: f.name}, f.ct)
		if err != nil {
			return Entry{}, err
		}
		*f.dst = string(pt)
	}
	return e, nil
}

// Get returns one entry: any of the client's own, or a shared one for the
// coach (or a clinician with journal consent).
func (s *Service) Get(ctx context.Context, actor policy.Actor, clientID, id int64) (Entry, error) {
	var out Entry
	err := s.authorize(ctx, actor, clientID, policy.Read, id, "", func(tx *store.Tx) error {
		se, err := entryByID(ctx, tx, clientID, id)
		if err != nil {
			return err
		}
		if !visible(actor, clientID, se.Entry) {
			return ErrNotFound
		}
		out, err = s.decrypt(ctx, tx, se)
		return err
	})
	return out, err
}

func visible(actor policy.Actor, clientID int64, e Entry) bool {
	if actor.UserID == clientID {
		return true
	}
	return e.Shared() && e.Status == Saved
}

// List returns saved entries, newest first: all of them for the client,
// shared ones for anyone else the policy lets read the journal.
func (s *Service) List(ctx context.Context, actor policy.Actor, clientID int64) ([]Entry, error) {
	var out []Entry
	err := s.authorize(ctx, actor, clientID, policy.Read, 0, "list", func(tx *store.Tx) error {
		rows, err := listEntries(ctx, tx, clientID, actor.UserID != clientID)
		if err != nil {
			return err
		}
		// One key read and one attachment query for the whole page.
		opener := s.vault.OpenerFor(ctx, tx, clientID)
		atts, err := attachment.ListByOwner(ctx, tx, clientID, attachment.OwnerJournal)
		if err != nil {
			return err
		}
		for _, se := range rows {
			e, err := s.openSealed(opener, se)
			if err != nil {
				return err
			}
			e.Attachments = atts[e.ID]
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// Index is what the client's journal page shows.
type Index struct {
	Entries  []Summary // saved entries, newest first
	Assigned []Prompt  // prompts the client's coach assigned them
}

// Summary is a saved entry as the journal's list shows it.
type Summary struct {
	ID          int64
	PromptText  string
	Title, Body string
	Shared      bool
	Files       int // attachments
	CreatedAt   time.Time
}

// Index reads the client's journal page: the entries of List (as much of
// them as the list shows) and the assigned part of Prompts, audited as
// those two (two events), read in one snapshot and recorded in one group
// commit. with are the page's other parts (the navigation's unread count),
// read after these in the same snapshot.
func (s *Service) Index(ctx context.Context, actor policy.Actor, clientID int64, with ...policy.Part) (Index, error) {
	var out Index
	list := func(tx *store.Tx) (err error) {
		opener := s.vault.OpenerFor(ctx, tx, clientID) // one key read for the page
		out.Entries, err = listSummaries(ctx, tx, clientID, actor.UserID != clientID, func(id int64, field string, ct []byte) (string, error) {
			return opener.OpenString(vault.AAD{Table: "journal_entries", RecordID: id, Field: field}, ct)
		})
		return err
	}
	prompts := func(tx *store.Tx) (err error) {
		out.Assigned, err = assignedPrompts(ctx, tx, actor.PracticeID, clientID)
		return err
	}
	parts := append([]policy.Part{
		{Access: access(clientID, policy.Read, 0, "list"), Read: list},
		{Access: access(clientID, policy.Read, 0, "prompts"), Read: prompts},
	}, with...)
	if err := s.policy.ViewParts(ctx, actor, parts...); err != nil {
		return Index{}, err
	}
	return out, nil
}

// Share shares an entry with the coach, or revokes sharing.
func (s *Service) Share(ctx context.Context, actor policy.Actor, clientID, id int64, shared bool) error {
	if err := ownerOnly(actor, clientID); err != nil {
		return err
	}
	detail := "unshare"
	if shared {
		detail = "share"
	}
	return s.authorize(ctx, actor, clientID, policy.Write, id, detail, func(tx *store.Tx) error {
		e, err := entryByID(ctx, tx, clientID, id)
		if err != nil {
			return err
		}
		if e.Status != Saved {
			return errs.E(errs.Conflict, "save the entry before sharing it")
		}
		var at any
		if shared {
			at = s.stamp()
		}
		_, err = tx.Exec(ctx, `UPDATE journal_entries SET shared_at = ? WHERE id = ?`, at, id)
		return errs.Wrap(err, "sharing journal entry")
	})
}

// Attach adds a file to one of the client's entries.
func (s *Service) Attach(ctx context.Context, actor policy.Actor, clientID, entryID int64, data []byte) (attachment.Attachment, error) {
	if err := ownerOnly(actor, clientID); err != nil {
		return attachment.Attachment{}, err
	}
	if len(data) == 0 {
		return attachment.Attachment{}, errs.Validation{"file": "choose a file to attach"}.Err()
	}
	var out attachment.Attachment
	err := s.authorize(ctx, actor, clientID, policy.Write, entryID, "attach", func(tx *store.Tx) error {
		if _, err := entryByID(ctx, tx, clientID, entryID); err != nil {
			return err
		}
		a, err := s.files.Store(ctx, tx, clientID, attachment.OwnerJournal, entryID, data)
		out = a
		return err
	})
	return out, err
}

// File returns an attachment of an entry the actor may see, in the clear.
func (s *Service) File(ctx context.Context, actor policy.Actor, clientID, attID int64, thumb bool) (attachment.Attachment, []byte, error) {
	var a attachment.Attachment
	var data []byte
	err := s.authorize(ctx, actor, clientID, policy.Read, 0, "attachment", func(tx *store.Tx) error {
		var err error
		if a, err = attachment.Get(ctx, tx, clientID, attID); err != nil {
			return err
		}
		if a.OwnerKind != attachment.OwnerJournal {
			return ErrNotFound
		}
		se, err := entryByID(ctx, tx, clientID, a.OwnerID)
		if err != nil {
			return err
		}
		if !visible(actor, clientID, se.Entry) {
			return ErrNotFound
		}
		data, err = s.files.Open(ctx, tx, a, thumb)
		return err
	})
	return a, data, err
}

// audited writes an event about an action on no particular client.
func audited(ctx context.Context, tx *store.Tx, actor policy.Actor, action, resource string, id int64, at time.Time) error {
	err := audit.Append(ctx, tx, audit.Stamp(ctx, audit.Event{At: at, ActorID: actor.UserID, ActorRole: string(actor.Role),
		Action: action, ResourceType: resource, ResourceID: itoa(id), Outcome: audit.OutcomeOK}))
	return errs.Wrap(err, "writing audit event")
}

// OpenInTx opens one of the client's entries, shared or not, inside a
// transaction whose caller has already authorized and audited the read
// (the safety queue opening the entry that raised an alert).
func (s *Service) OpenInTx(ctx context.Context, tx *store.Tx, clientID, id int64) (Entry, error) {
	return s.open(ctx, tx, clientID, id)
}
