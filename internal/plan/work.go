package plan

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/dates"
	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/policy"
	"github.com/afterward/afterward/internal/store"
	"github.com/afterward/afterward/internal/vault"
)

// dayFormat is how action due dates are kept: a calendar date.
const dayFormat = "2006-01-02"

// Insight is something the client realised, recorded during a session.
type Insight struct {
	ID   int64
	Body string
}

// Intention is what the client means to do with an insight.
type Intention struct {
	ID        int64
	InsightID int64 // 0 when set directly
	Body      string
	Actions   []Action
}

// Action is a small dated step towards an intention.
type Action struct {
	ID    int64
	Body  string
	DueOn string // YYYY-MM-DD
	Done  bool
}

// Work is a client's insights, intentions and actions, and their progress.
type Work struct {
	Insights   []Insight
	Intentions []Intention
	Done       int
	Total      int
}

// Percent is the share of actions done, 0–100.
func (w Work) Percent() int {
	if w.Total == 0 {
		return 0
	}
	return w.Done * 100 / w.Total
}

func text(field, body string, max int) (string, error) {
	body = strings.TrimSpace(body)
	v := errs.Validation{}
	v.Check(body != "", field, "write a few words")
	v.Check(len(body) <= max, field, "use at most "+itoa(max)+" characters")
	return body, v.Err()
}

// AddInsight records an insight (coach or client).
func (s *Service) AddInsight(ctx context.Context, actor policy.Actor, clientID int64, body string) (int64, error) {
	var id int64
	err := s.authorize(ctx, actor, clientID, policy.Write, "insight", func(tx *store.Tx) error {
		body, err := text("insight", body, 2000)
		if err != nil {
			return err
		}
		id, err = store.InsertID(ctx, tx, `INSERT INTO insights (client_id, body, created_by, created_at) VALUES (?, '', ?, ?) RETURNING id`,
			clientID, actor.UserID, s.now())
		if err != nil {
			return errs.Wrap(err, "saving the insight")
		}
		return s.sealBody(ctx, tx, clientID, "insights", id, body)
	})
	return id, err
}

// AddIntention turns an insight (or nothing: insightID 0) into an intention.
func (s *Service) AddIntention(ctx context.Context, actor policy.Actor, clientID, insightID int64, body string) (int64, error) {
	var id int64
	err := s.authorize(ctx, actor, clientID, policy.Write, "intention", func(tx *store.Tx) error {
		body, err := text("intention", body, 1000)
		if err != nil {
			return err
		}
		var insight any
		if insightID != 0 {
			var owner int64
			if err := tx.QueryRow(ctx, `SELECT client_id FROM insights WHERE id = ?`, insightID).Scan(&owner); err != nil || owner != clientID {
				return errs.Validation{"insight": "choose one of this client's insights"}.Err()
			}
			insight = insightID
		}
		id, err = store.InsertID(ctx, tx, `INSERT INTO intentions (client_id, insight_id, body, created_by, created_at) VALUES (?, ?, '', ?, ?) RETURNING id`,
			clientID, insight, actor.UserID, s.now())
		if err != nil {
			return errs.Wrap(err, "saving the intention")
		}
		return s.sealBody(ctx, tx, clientID, "intentions", id, body)
	})
	return id, err
}

// AddAction adds a small dated step to an intention.
func (s *Service) AddAction(ctx context.Context, actor policy.Actor, intentionID int64, body, dueOn string) (int64, error) {
	var id int64
	clientID, err := ownerOf(ctx, s.reader(), `SELECT client_id FROM intentions WHERE id = ?`, intentionID, "intention")
	if err != nil {
		return 0, err
	}
	err = s.authorize(ctx, actor, clientID, policy.Write, "action", func(tx *store.Tx) error {
		body, err := actionText(body, dueOn)
		if err != nil {
			return err
		}
		id, err = store.InsertID(ctx, tx, `INSERT INTO actions (intention_id, client_id, body, due_on, created_by, created_at)
			VALUES (?, ?, '', ?, ?, ?) RETURNING id`, intentionID, clientID, dueOn, actor.UserID, s.now())
		if err != nil {
			return errs.Wrap(err, "saving the action")
		}
		return s.sealBody(ctx, tx, clientID, "actions", id, body)
	})
	return id, err
}

// CheckAction marks an action done or not done (the client between
// sessions, or the coach).
func (s *Service) CheckAction(ctx context.Context, actor policy.Actor, actionID int64, done bool) error {
	clientID, err := ownerOf(ctx, s.reader(), `SELECT client_id FROM actions WHERE id = ?`, actionID, "action")
	if err != nil {
		return err
	}
	return s.authorize(ctx, actor, clientID, policy.Write, "action", func(tx *store.Tx) error {
		var at any
		if done {
			at = s.now()
		}
		_, err := tx.Exec(ctx, `UPDATE actions SET done_at = ? WHERE id = ?`, at, actionID)
		return errs.Wrap(err, "saving the action")
	})
}

// WorkOf returns a client's insights, intentions, actions and progress.
func (s *Service) WorkOf(ctx context.Context, actor policy.Actor, clientID int64) (Work, error) {
	q := s.reader()
	if err := s.authorize(ctx, actor, clientID, policy.Read, "insight", nil); err != nil {
		return Work{}, err
	}
	return s.readWork(ctx, q, clientID)
}

// WorkPart is WorkOf as a part of a page that reads several in one
// snapshot (policy.ViewParts; the client's dashboard): the same access and
// event, the work read in the page's transaction and written to out.
func (s *Service) WorkPart(ctx context.Context, clientID int64, out *Work) policy.Part {
	return policy.Part{
		Access: access(clientID, policy.Read, "insight"),
		Read: func(tx *store.Tx) (err error) {
			*out, err = s.readWork(ctx, tx, clientID)
			return err
		},
	}
}

// readWork reads what WorkOf returns, once the read is authorized.
func (s *Service) readWork(ctx context.Context, q store.Querier, clientID int64) (Work, error) {
	var w Work
	open := openerFor(ctx, s.vault, q, clientID)
	rows, err := q.Query(ctx, `SELECT id, body, body_sealed FROM insights WHERE client_id = ? ORDER BY id`, clientID)
	if err != nil {
		return w, errs.Wrap(err, "reading insights")
	}
	// Texts are opened once the rows are read: inside a transaction (Within)
	// one connection cannot read the key while a result set is open.
	sealed := map[string][]byte{}
	for rows.Next() {
		var in Insight
		var ct []byte
		if err := rows.Scan(&in.ID, &in.Body, &ct); err != nil {
			rows.Close()
			return w, errs.Wrap(err, "reading insights")
		}
		sealed[key("insights", in.ID)] = ct
		w.Insights = append(w.Insights, in)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return w, errs.Wrap(err, "reading insights")
	}
	rows, err = q.Query(ctx, `SELECT i.id, COALESCE(i.insight_id, 0), i.body, i.body_sealed, a.id, a.body, a.body_sealed, a.due_on, a.done_at
		FROM intentions i LEFT JOIN actions a ON a.intention_id = i.id WHERE i.client_id = ? ORDER BY i.id, a.due_on, a.id`, clientID)
	if err != nil {
		return w, errs.Wrap(err, "reading intentions")
	}
	for rows.Next() {
		var it Intention
		var aID sql.NullInt64
		var aBody, aDue sql.NullString
		var doneAt sql.NullTime
		var itSealed, aSealed []byte
		if err := rows.Scan(&it.ID, &it.InsightID, &it.Body, &itSealed, &aID, &aBody, &aSealed, &aDue, &doneAt); err != nil {
			rows.Close()
			return w, errs.Wrap(err, "reading intentions")
		}
		if n := len(w.Intentions); n == 0 || w.Intentions[n-1].ID != it.ID {
			sealed[key("intentions", it.ID)] = itSealed
			w.Intentions = append(w.Intentions, it)
		}
		if aID.Valid {
			last := &w.Intentions[len(w.Intentions)-1]
			sealed[key("actions", aID.Int64)] = aSealed
			last.Actions = append(last.Actions, Action{ID: aID.Int64, Body: aBody.String, DueOn: aDue.String, Done: doneAt.Valid})
			w.Total++
			if doneAt.Valid {
				w.Done++
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return w, errs.Wrap(err, "reading intentions")
	}
	for i := range w.Insights {
		in := &w.Insights[i]
		if in.Body, err = OpenBody(open, "insights", in.ID, in.Body, sealed[key("insights", in.ID)]); err != nil {
			return w, err
		}
	}
	for i := range w.Intentions {
		it := &w.Intentions[i]
		if it.Body, err = OpenBody(open, "intentions", it.ID, it.Body, sealed[key("intentions", it.ID)]); err != nil {
			return w, err
		}
		for k := range it.Actions {
			ac := &it.Actions[k]
			if ac.Body, err = OpenBody(open, "actions", ac.ID, ac.Body, sealed[key("actions", ac.ID)]); err != nil {
				return w, err
			}
		}
	}
	return w, nil
}

func ownerOf(ctx context.Context, q store.Querier, query string, id int64, what string) (int64, error) {
	var clientID int64
	if err := q.QueryRow(ctx, query, id).Scan(&clientID); err != nil {
		return 0, store.NotFound(err, what)
	}
	return clientID, nil
}

func itoa(n int) string { return joinInts([]int{n}) }

// actionText trims and checks an action's step and due date.
func actionText(body, dueOn string) (string, error) {
	body = strings.TrimSpace(body)
	v := errs.Validation{}
	v.Check(body != "" && len(body) <= 500, "action", "write a small step of at most 500 characters")
	if d, err := time.Parse(dayFormat, dueOn); err != nil {
		v.Add("due_on", "enter a date like 2026-07-04")
	} else if !dates.Plausible(d) {
		v.Add("due_on", dates.PlausibleMessage)
	}
	return body, v.Err()
}

// sealBody seals an insight's, intention's or action's text under the
// client's key into body_sealed; the plaintext column stays empty.
func (s *Service) sealBody(ctx context.Context, tx *store.Tx, clientID int64, table string, id int64, body string) error {
	if s.vault == nil {
		return errs.E(errs.Internal, "plan: the vault is not configured")
	}
	return s.vault.SealInto(ctx, tx, clientID, table, id, map[string][]byte{"body_sealed": []byte(body)})
}

func openerFor(ctx context.Context, v *vault.Vault, q store.Querier, clientID int64) *vault.Opener {
	if v == nil {
		return nil
	}
	return v.OpenerFor(ctx, q, clientID)
}

// OpenBody returns the text of an insight, intention or action: the sealed
// column opened when set (empty once the client is erased), else the
// plaintext of a row written before the text was sealed.
func OpenBody(o *vault.Opener, table string, id int64, plain string, sealed []byte) (string, error) {
	return OpenText(o, table, id, "body_sealed", plain, sealed)
}

// OpenText is OpenBody for any sealed column of the plan's tables.
func OpenText(o *vault.Opener, table string, id int64, field, plain string, sealed []byte) (string, error) {
	if sealed == nil {
		return plain, nil
	}
	if o == nil {
		return "", errs.E(errs.Internal, "plan: the vault is not configured")
	}
	return o.Text(vault.AAD{Table: table, RecordID: id, Field: field}, plain, sealed)
}

func key(table string, id int64) string { return table + ":" + strconv.FormatInt(id, 10) }
