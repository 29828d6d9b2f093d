// Package addendum keeps a client's addenda to their own records: their
// words kept beside a record (a signed session note, a signed regulated
// form, a logged regulated session), never editing it. Each addendum is
// sealed under the client's data key, so erasing the client shreds it
// with the record. The services that own the records authorize and audit;
// this package only validates, stores and opens, in their transaction.
package addendum

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/afterward/afterward/internal/account"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// MaxLength bounds an addendum's length in characters.
const MaxLength = 5000

// Field is the form field (and validation key) of an addendum's text.
const Field = "addendum"

// Addendum is one addendum, opened.
type Addendum struct {
	ID        int64
	Author    string
	ByClient  bool
	Text      string
	CreatedAt time.Time
}

// Table is where one kind of record keeps its addenda: the table and the
// column naming the record. Both are constants of the calling package,
// never input. Rows have id, client_id, author_id, body (sealed, vault
// field "body") and created_at.
type Table struct {
	Name, Parent string
}

// Clean normalises the client's text and checks it; the error names the
// addendum field.
func Clean(text string) (string, error) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	v := errs.Validation{}
	v.Check(text != "", Field, "write your addendum")
	v.Check(utf8.ValidString(text) && utf8.RuneCountInString(text) <= MaxLength, Field, "keep it under 5,000 characters")
	return text, v.Err()
}

// Add stores the author's addendum (already Clean) to record parentID,
// sealed under the client's key, in tx.
func (t Table) Add(ctx context.Context, tx *store.Tx, v *vault.Vault, parentID, clientID, authorID int64, now time.Time, text string) (Addendum, error) {
	now = now.UTC().Truncate(time.Microsecond)
	id, err := store.InsertID(ctx, tx, `INSERT INTO `+t.Name+` (`+t.Parent+`, client_id, author_id, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
		parentID, clientID, authorID, now)
	if err != nil {
		return Addendum{}, errs.Wrap(err, "adding the addendum")
	}
	if err := v.SealInto(ctx, tx, clientID, t.Name, id, map[string][]byte{"body": []byte(text)}); err != nil {
		return Addendum{}, err
	}
	return Addendum{ID: id, ByClient: true, Text: text, CreatedAt: now}, nil
}

// List opens record parentID's addenda, oldest first, in q.
func (t Table) List(ctx context.Context, q store.Querier, v *vault.Vault, clientID, parentID int64) ([]Addendum, error) {
	rows, err := q.Query(ctx, `SELECT d.id, u.name, u.role, d.body, d.created_at FROM `+t.Name+` d JOIN users u ON u.id = d.author_id
		WHERE d.`+t.Parent+` = ? ORDER BY d.id`, parentID)
	if err != nil {
		return nil, errs.Wrap(err, "reading addenda")
	}
	type sealed struct {
		a    Addendum
		body []byte
	}
	var raw []sealed
	for rows.Next() {
		var sc sealed
		var role string
		if err := rows.Scan(&sc.a.ID, &sc.a.Author, &role, &sc.body, &sc.a.CreatedAt); err != nil {
			rows.Close()
			return nil, errs.Wrap(err, "reading addenda")
		}
		sc.a.ByClient, sc.a.CreatedAt = role == string(account.Client), sc.a.CreatedAt.UTC()
		raw = append(raw, sc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(err, "reading addenda")
	}
	out := make([]Addendum, 0, len(raw))
	for _, sc := range raw { // opened after the rows close: the vault reads through q
		pt, err := v.Open(ctx, q, clientID, vault.AAD{Table: t.Name, RecordID: sc.a.ID, Field: "body"}, sc.body)
		if err != nil {
			return nil, err
		}
		sc.a.Text = string(pt)
		out = append(out, sc.a)
	}
	return out, nil
}
