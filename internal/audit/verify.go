package audit

import (
	"bytes"
	"context"
	"crypto/hmac"
	"encoding/hex"
	"fmt"
	"time"

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

// VerifyOptions are what Verify needs from outside the database: the audit
// key and the signed checkpoints (ReadCheckpoints).
type VerifyOptions struct {
	Key         []byte
	Checkpoints []Checkpoint
	// AllowUnanchored accepts a trail with events but no checkpoint (a
	// restored backup, whose checkpoints belong to the old server).
	AllowUnanchored bool
}

// Verify walks the chain from the first event to the head. Events from the
// keyed boundary on must carry the HMAC under opts.Key (so a rewrite
// without the key fails), older ones the SHA-256 chain they were written
// with; then the head must reach, and match, every signed checkpoint (so
// removing the newest events fails). It reads the head first and then only
// events up to it, so appends committed during the walk are not mistaken
// for tampering; an event beyond the head counts as broken only when the
// head has not moved meanwhile.
func Verify(ctx context.Context, q store.Querier, opts VerifyOptions) (VerifyResult, error) {
	head, err := ReadHead(ctx, q)
	if err != nil {
		return VerifyResult{}, err
	}
	res := VerifyResult{Head: head}
	if reason := checkAnchors(head, opts); reason != "" {
		return broken(res, max(1, head.KeyedFrom), reason), nil
	}
	want, res, stop := checkpointTargets(res, opts.Checkpoints)
	if stop {
		return res, nil
	}
	res, err = walk(ctx, q, head, opts.Key, want)
	if err != nil || !res.OK() {
		return res, err
	}
	return checkBeyondHead(ctx, q, res)
}

// checkAnchors checks the key and the keyed boundary against what only the
// key holder could have written.
func checkAnchors(head Head, opts VerifyOptions) string {
	if len(opts.Key) == 0 {
		return "no audit key to verify with"
	}
	if head.KeyID != "" && head.KeyID != KeyID(opts.Key) {
		return fmt.Sprintf("the audit key (id %s) is not the one the trail is keyed with (id %s)", KeyID(opts.Key), head.KeyID)
	}
	for i, c := range opts.Checkpoints {
		if !c.Valid(opts.Key) {
			return fmt.Sprintf("checkpoint %d (seq %d) is not signed with this audit key", i+1, c.Seq)
		}
		if c.KeyedFrom != head.KeyedFrom {
			return fmt.Sprintf("the keyed boundary moved: checkpoint %d records event %d, the database %d", i+1, c.KeyedFrom, head.KeyedFrom)
		}
	}
	if len(opts.Checkpoints) == 0 && head.Seq > 0 && !opts.AllowUnanchored {
		return "no signed checkpoint outside the database, so removing the newest events could not be detected (the server writes " + CheckpointFileName + " at start and every minute)"
	}
	return ""
}

// checkpointTargets maps each checkpointed sequence number to the MAC it
// must have; a checkpoint beyond the head means events were removed.
func checkpointTargets(res VerifyResult, cps []Checkpoint) (map[int64][]byte, VerifyResult, bool) {
	want := map[int64][]byte{}
	for _, c := range cps {
		if c.Seq > res.Head.Seq {
			return nil, broken(res, res.Head.Seq+1, fmt.Sprintf("the trail was truncated: a checkpoint signed at %s records %d events, the database has %d",
				c.At.Format(time.RFC3339), c.Seq, res.Head.Seq)), true
		}
		if c.Seq > 0 {
			h, _ := hex.DecodeString(c.Hash)
			want[c.Seq] = h
		}
	}
	return want, res, false
}

func walk(ctx context.Context, q store.Querier, head Head, key []byte, want map[int64][]byte) (VerifyResult, error) {
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
		if reason := checkLink(e, lastID, prevHash, storedPrev, stored, sealKey(head, key, e.ID)); reason != "" {
			return broken(res, brokenID(e.ID, lastID), reason), nil
		}
		if w, ok := want[e.ID]; ok && !bytes.Equal(w, stored) {
			return broken(res, e.ID, "it does not match the signed checkpoint of this event"), nil
		}
		res.Events++
		lastID, prevHash = e.ID, stored
	}
	if err := rows.Err(); err != nil {
		return res, errs.Wrap(err, "audit: reading the chain")
	}
	return checkHead(res, lastID, prevHash), nil
}

// sealKey is the key event id was sealed with: nil for the plain SHA-256
// chain before the keyed boundary.
func sealKey(head Head, key []byte, id int64) []byte {
	if id < head.KeyedFrom {
		return nil
	}
	return key
}

// checkLink names what is wrong with one event, or returns "".
func checkLink(e Event, lastID int64, prevHash, storedPrev, stored, key []byte) string {
	switch {
	case e.ID != lastID+1:
		return fmt.Sprintf("event %d is missing (next present event is %d)", lastID+1, e.ID)
	case !bytes.Equal(storedPrev, prevHash):
		return fmt.Sprintf("its previous-hash does not match event %d", lastID)
	case key == nil && !bytes.Equal(eventHash(e, storedPrev), stored):
		return "its content does not match its hash"
	case key != nil && !hmac.Equal(eventMAC(key, e, storedPrev), stored):
		return "its content does not match its keyed MAC (changed, or recomputed without the audit key)"
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
