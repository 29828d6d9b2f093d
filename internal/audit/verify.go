package audit

import (
	"bytes"
	"context"
	"fmt"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// VerifyResult reports a walk of the chain. FirstBroken is 0 when the chain
// is intact; otherwise it is the id of the first event that was changed,
// is missing, or should not be there, and Reason says which.
type VerifyResult struct {
	Events      int
	FirstBroken int64
	Reason      string
	Head        Head
}

// OK reports whether the chain is intact.
func (r VerifyResult) OK() bool { return r.FirstBroken == 0 }

// Verify walks the chain from the first event to the head checkpoint. It
// reads the head first and then only events up to it, so appends committed
// during the walk are not mistaken for tampering; an event beyond the head
// counts as broken only when the head has not moved meanwhile.
func Verify(ctx context.Context, q store.Querier) (VerifyResult, error) {
	head, err := ReadHead(ctx, q)
	if err != nil {
		return VerifyResult{}, err
	}
	res, err := walk(ctx, q, head)
	if err != nil || !res.OK() {
		return res, err
	}
	return checkBeyondHead(ctx, q, res)
}

func walk(ctx context.Context, q store.Querier, head Head) (VerifyResult, error) {
	res := VerifyResult{Head: head}
	rows, err := q.Query(ctx, `SELECT `+eventColumns+`, prev_hash, hash FROM audit_events
		WHERE id <= ? ORDER BY id`, head.Seq)
	if err != nil {
		return res, errs.Wrap(err, "audit: reading the chain")
	}
	defer rows.Close()
	var prevHash []byte
	var lastID int64
	for rows.Next() {
		var e Event
		var storedPrev, stored []byte
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorRole, &e.Action, &e.ResourceType,
			&e.ResourceID, &e.ClientID, &e.Outcome, &e.ClientIP, &e.RequestID, &e.Detail,
			&storedPrev, &stored); err != nil {
			return res, errs.Wrap(err, "audit: reading the chain")
		}
		if reason := checkLink(e, lastID, prevHash, storedPrev, stored); reason != "" {
			return broken(res, brokenID(e.ID, lastID), reason), nil
		}
		res.Events++
		lastID, prevHash = e.ID, stored
	}
	if err := rows.Err(); err != nil {
		return res, errs.Wrap(err, "audit: reading the chain")
	}
	return checkHead(res, lastID, prevHash), nil
}

// checkLink names what is wrong with one event, or returns "".
func checkLink(e Event, lastID int64, prevHash, storedPrev, stored []byte) string {
	switch {
	case e.ID != lastID+1:
		return fmt.Sprintf("event %d is missing (next present event is %d)", lastID+1, e.ID)
	case !bytes.Equal(storedPrev, prevHash):
		return fmt.Sprintf("its previous-hash does not match event %d", lastID)
	case !bytes.Equal(eventHash(e, storedPrev), stored):
		return "its content does not match its hash"
	}
	return ""
}

// brokenID is the first event that is wrong: a missing one when there is a
// gap, else the event itself.
func brokenID(id, lastID int64) int64 {
	if id != lastID+1 {
		return lastID + 1
	}
	return id
}

// checkHead compares the end of the walk with the checkpoint, which catches
// deleted newest events and a rewritten last event.
func checkHead(res VerifyResult, lastID int64, lastHash []byte) VerifyResult {
	switch {
	case lastID < res.Head.Seq:
		return broken(res, lastID+1, fmt.Sprintf("events %d to %d are missing (the head records %d events)",
			lastID+1, res.Head.Seq, res.Head.Seq))
	case !bytes.Equal(lastHash, res.Head.Hash):
		return broken(res, lastID, "its hash does not match the head checkpoint")
	}
	return res
}

// checkBeyondHead flags events inserted past the checkpoint: if some exist
// and the head still has the same sequence number, nobody appended them.
func checkBeyondHead(ctx context.Context, q store.Querier, res VerifyResult) (VerifyResult, error) {
	var first int64
	err := q.QueryRow(ctx, `SELECT COALESCE(MIN(id), 0) FROM audit_events WHERE id > ?`, res.Head.Seq).Scan(&first)
	if err != nil {
		return res, errs.Wrap(err, "audit: reading the chain")
	}
	if first == 0 {
		return res, nil
	}
	now, err := ReadHead(ctx, q)
	if err != nil {
		return res, err
	}
	if now.Seq == res.Head.Seq {
		return broken(res, first, "it lies beyond the head checkpoint"), nil
	}
	return res, nil
}

func broken(res VerifyResult, id int64, reason string) VerifyResult {
	res.FirstBroken, res.Reason = id, reason
	return res
}
