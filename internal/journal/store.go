package journal

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"github.com/afterward/afterward/internal/attachment"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/safety"
	"github.com/afterward/afterward/internal/store"
)

// sealedEntry is a row before its title and body are opened.
type sealedEntry struct {
	Entry
	title, body []byte
}

const entryColumns = `e.id, e.client_id, e.entry_key, COALESCE(e.prompt_id, 0), COALESCE(p.text, ''), e.status,
	e.title, e.body, e.safety_level, e.shared_at, e.created_at, e.updated_at`

const entryFrom = ` FROM journal_entries e LEFT JOIN journal_prompts p ON p.id = e.prompt_id `

func scanEntry(row interface{ Scan(...any) error }) (sealedEntry, error) {
	var e sealedEntry
	var status, level string
	var shared sql.NullTime
	err := row.Scan(&e.ID, &e.ClientID, &e.Key, &e.PromptID, &e.PromptText, &status,
		&e.title, &e.body, &level, &shared, &e.CreatedAt, &e.UpdatedAt)
	if err != nil {
		return e, err
	}
	e.Status = Status(status)
	e.SafetyLevel, _ = safety.ParseLevel(level)
	if shared.Valid {
		t := shared.Time.UTC()
		e.SharedAt = &t
	}
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return e, nil
}

func entryByID(ctx context.Context, q store.Querier, clientID, id int64) (sealedEntry, error) {
	e, err := scanEntry(q.QueryRow(ctx, `SELECT `+entryColumns+entryFrom+`WHERE e.client_id = ? AND e.id = ?`, clientID, id))
	return e, store.NotFound(err, "journal entry")
}

func entryByKey(ctx context.Context, q store.Querier, clientID int64, key string) (sealedEntry, bool, error) {
	e, err := scanEntry(q.QueryRow(ctx, `SELECT `+entryColumns+entryFrom+`WHERE e.client_id = ? AND e.entry_key = ?`, clientID, key))
	if err == sql.ErrNoRows {
		return e, false, nil
	}
	return e, err == nil, errs.Wrap(err, "reading journal entry")
}

// listEntries returns saved entries, newest first; sharedOnly for readers
// other than the client.
func listEntries(ctx context.Context, q store.Querier, clientID int64, sharedOnly bool) ([]sealedEntry, error) {
	query := `SELECT ` + entryColumns + entryFrom + `WHERE e.client_id = ? AND e.status = 'saved'`
	if sharedOnly {
		query += ` AND e.shared_at IS NOT NULL`
	}
	rows, err := q.Query(ctx, query+` ORDER BY e.created_at DESC, e.id DESC`, clientID)
	if err != nil {
		return nil, errs.Wrap(err, "listing journal entries")
	}
	defer rows.Close()
	var out []sealedEntry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, errs.Wrap(err, "reading journal entry")
		}
		out = append(out, e)
	}
	return out, errs.Wrap(rows.Err(), "listing journal entries")
}

// listSummaries is listEntries with only what the journal's list shows
// (no keys, statuses or update times, the sharing state as a flag, the
// attachments counted): each column less is work less per row. Titles and
// bodies are opened by open once every row is read (reading a data key
// needs the connection the rows hold on PostgreSQL); until then the
// ciphertexts wait in one shared buffer, copied from the driver's own
// (sql.RawBytes), not in two allocations per row.
//
// The creation time is read as text on SQLite (store.TimeText): the
// driver's own timestamp conversion was a third of reading the rows.
func listSummaries(ctx context.Context, q store.Querier, clientID int64, sharedOnly bool, open func(id int64, field string, ct []byte) (string, error)) ([]Summary, error) {
	query := `SELECT e.id, COALESCE(p.text, ''), e.title, e.body, e.shared_at IS NOT NULL, ` + store.TimeText(q.Dialect(), "e.created_at") + `,
		(SELECT COUNT(*) FROM attachments a WHERE a.owner_kind = ? AND a.owner_id = e.id AND a.client_id = e.client_id)` +
		entryFrom + `WHERE e.client_id = ? AND e.status = 'saved'`
	if sharedOnly {
		query += ` AND e.shared_at IS NOT NULL`
	}
	rows, err := q.Query(ctx, query+` ORDER BY e.created_at DESC, e.id DESC`, attachment.OwnerJournal, clientID)
	if err != nil {
		return nil, errs.Wrap(err, "listing journal entries")
	}
	defer rows.Close()
	// A page's worth without regrowing: 64 rows, titles and bodies of a
	// few hundred bytes sealed (the buffers reused across requests: the
	// texts opened from them are copies).
	out := make([]Summary, 0, 64)
	buf := listBuffers.Get().(*listBuffer)
	defer putListBuffer(buf)
	sealed, ends := buf.sealed[:0], buf.ends[:0] // every row's title then body; where each ends
	// The scan targets live across the loop: Scan takes their addresses,
	// so declared per row each would be a heap allocation per row.
	var (
		e           Summary
		title, body sql.RawBytes
		created     store.Time
	)
	dest := []any{&e.ID, &e.PromptText, &title, &body, &e.Shared, &created, &e.Files}
	for rows.Next() {
		e = Summary{}
		if err := rows.Scan(dest...); err != nil {
			return nil, errs.Wrap(err, "reading journal entry")
		}
		e.CreatedAt = created.Time
		sealed = append(sealed, title...)
		ends = append(ends, len(sealed))
		sealed = append(sealed, body...)
		ends = append(ends, len(sealed))
		out = append(out, e)
	}
	buf.sealed, buf.ends = sealed, ends
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "listing journal entries")
	}
	rows.Close()
	start := 0
	for i := range out {
		for f, field := range [2]string{"title", "body"} {
			ct := sealed[start:ends[2*i+f]]
			start = ends[2*i+f]
			if len(ct) == 0 {
				continue
			}
			text, err := open(out[i].ID, field, ct)
			if err != nil {
				return nil, err
			}
			if f == 0 {
				out[i].Title = text
			} else {
				out[i].Body = text
			}
		}
	}
	return out, nil
}

// listBuffer holds a list's ciphertexts until they are opened.
type listBuffer struct {
	sealed []byte
	ends   []int
}

var listBuffers = sync.Pool{New: func() any {
	return &listBuffer{sealed: make([]byte, 0, 16<<10), ends: make([]int, 0, 2*64)}
}}

// maxPooledList: a buffer grown past this (a very long journal) is left to
// the collector rather than kept for every later page.
const maxPooledList = 256 << 10

func putListBuffer(b *listBuffer) {
	if cap(b.sealed) > maxPooledList {
		return
	}
	listBuffers.Put(b)
}

// timelineEntry is a saved entry as the timeline shows it: never its text.
type timelineEntry struct {
	ID         int64
	WithPrompt bool
	Shared     bool
	CreatedAt  time.Time
}

// listTimeline is listEntries without the sealed text, which the
// timeline never shows.
func listTimeline(ctx context.Context, q store.Querier, clientID int64) ([]timelineEntry, error) {
	rows, err := q.Query(ctx, `SELECT id, prompt_id IS NOT NULL, shared_at IS NOT NULL, created_at FROM journal_entries
		WHERE client_id = ? AND status = 'saved' ORDER BY created_at DESC, id DESC`, clientID)
	if err != nil {
		return nil, errs.Wrap(err, "listing journal entries")
	}
	defer rows.Close()
	var out []timelineEntry
	for rows.Next() {
		var e timelineEntry
		if err := rows.Scan(&e.ID, &e.WithPrompt, &e.Shared, &e.CreatedAt); err != nil {
			return nil, errs.Wrap(err, "reading journal entry")
		}
		e.CreatedAt = e.CreatedAt.UTC()
		out = append(out, e)
	}
	return out, errs.Wrap(rows.Err(), "listing journal entries")
}

// insertEntry inserts the entry of in.Key unless the client already has
// one with that key: inserted reports which.
func insertEntry(ctx context.Context, tx *store.Tx, clientID int64, in Input, status Status, now time.Time) (id int64, inserted bool, err error) {
	id, err = store.InsertID(ctx, tx, `INSERT INTO journal_entries (client_id, entry_key, prompt_id, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, entry_key) DO NOTHING RETURNING id`,
		clientID, in.Key, nullID(in.PromptID), string(status), now, now)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, errs.Wrap(err, "saving journal entry")
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func promptVisible(ctx context.Context, q store.Querier, practiceID, promptID int64) error {
	_, err := visiblePromptText(ctx, q, practiceID, promptID)
	return err
}

// visiblePromptText is the text of a prompt the practice may use, or a
// validation error naming prompt_id.
func visiblePromptText(ctx context.Context, q store.Querier, practiceID, promptID int64) (string, error) {
	var text string
	err := q.QueryRow(ctx, `SELECT text FROM journal_prompts WHERE id = ? AND (practice_id IS NULL OR practice_id = ?)`, promptID, practiceID).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errs.Validation{"prompt_id": "unknown prompt"}.Err()
	}
	return text, errs.Wrap(err, "reading prompt")
}

func listPrompts(ctx context.Context, q store.Querier, practiceID, clientID int64) ([]Prompt, error) {
	rows, err := q.Query(ctx, `SELECT p.id, COALESCE(p.practice_id, 0), p.theme, p.text,
		CASE WHEN a.id IS NULL THEN 0 ELSE 1 END
		FROM journal_prompts p LEFT JOIN journal_prompt_assignments a ON a.prompt_id = p.id AND a.client_id = ?
		WHERE p.practice_id IS NULL OR p.practice_id = ? ORDER BY p.id`, clientID, practiceID)
	if err != nil {
		return nil, errs.Wrap(err, "listing prompts")
	}
	defer rows.Close()
	var out []Prompt
	for rows.Next() {
		var p Prompt
		var theme string
		var assigned int
		if err := rows.Scan(&p.ID, &p.PracticeID, &theme, &p.Text, &assigned); err != nil {
			return nil, errs.Wrap(err, "reading prompt")
		}
		p.Theme, p.Assigned = Theme(theme), assigned == 1
		out = append(out, p)
	}
	return out, errs.Wrap(rows.Err(), "listing prompts")
}

// assignedPrompts is the assigned part of listPrompts: the prompts of the
// library (the practice's and the shared ones) assigned to the client.
func assignedPrompts(ctx context.Context, q store.Querier, practiceID, clientID int64) ([]Prompt, error) {
	rows, err := q.Query(ctx, `SELECT p.id, COALESCE(p.practice_id, 0), p.theme, p.text
		FROM journal_prompt_assignments a JOIN journal_prompts p ON p.id = a.prompt_id
		WHERE a.client_id = ? AND (p.practice_id IS NULL OR p.practice_id = ?) ORDER BY p.id`, clientID, practiceID)
	if err != nil {
		return nil, errs.Wrap(err, "listing assigned prompts")
	}
	defer rows.Close()
	var out []Prompt
	for rows.Next() {
		p := Prompt{Assigned: true}
		var theme string
		if err := rows.Scan(&p.ID, &p.PracticeID, &theme, &p.Text); err != nil {
			return nil, errs.Wrap(err, "reading prompt")
		}
		p.Theme = Theme(theme)
		out = append(out, p)
	}
	return out, errs.Wrap(rows.Err(), "listing assigned prompts")
}
