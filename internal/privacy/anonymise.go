package privacy

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// ErasedName is what an erased client is called everywhere afterwards.
const ErasedName = "Erased client"

// ErasedEmail is the unique, non-routable address an erased account keeps
// (the .invalid top-level domain can never be delivered to, RFC 2606), so
// the unique email column holds and nobody can sign in or be mailed.
func ErasedEmail(clientID int64) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return fmt.Sprintf("erased-%d-%s@erased.invalid", clientID, hex.EncodeToString(b))
}

// anonymise removes or overwrites every plaintext field tied to the client,
// in the caller's transaction, after the data key is destroyed (everything
// sealed is unreadable from then on). What stays is what the practice needs
// without knowing who or what: appointment times and status, invoice and
// payment amounts, numbers and dates under the name "Erased client", and
// content-free audit events. It returns a count of the rows it changed
// per table, for the destruction certificate. See docs/security.md
// ("Erasure").
func anonymise(ctx context.Context, tx *store.Tx, clientID int64, now time.Time) (map[string]int64, error) {
	var email string
	if err := tx.QueryRow(ctx, `SELECT email FROM users WHERE id = ?`, clientID).Scan(&email); err != nil {
		return nil, store.NotFound(err, "client")
	}
	counts := map[string]int64{}
	steps := []struct {
		table string
		query string
		args  []any
	}{
		// Who they were.
		{"users", `UPDATE users SET name = ?, email = ?, password_hash = '', time_zone = 'UTC', disabled_at = COALESCE(disabled_at, ?) WHERE id = ?`,
			[]any{ErasedName, ErasedEmail(clientID), now, clientID}},
		{"clients", `UPDATE clients SET substance = '', context = '', experience_at = NULL WHERE user_id = ?`, []any{clientID}},
		{"client_contacts", `DELETE FROM client_contacts WHERE client_id = ?`, []any{clientID}},
		{"auth_sessions", `DELETE FROM auth_sessions WHERE user_id = ?`, []any{clientID}},
		{"auth_tokens", `DELETE FROM auth_tokens WHERE user_id = ?`, []any{clientID}},
		{"recovery_codes", `DELETE FROM recovery_codes WHERE user_id = ?`, []any{clientID}},
		{"totp_credentials", `DELETE FROM totp_credentials WHERE user_id = ?`, []any{clientID}},
		{"email_changes", `DELETE FROM email_changes WHERE user_id = ?`, []any{clientID}},
		{"calendar_feeds", `DELETE FROM calendar_feeds WHERE user_id = ?`, []any{clientID}},
		{"calendar_prefs", `DELETE FROM calendar_prefs WHERE user_id = ?`, []any{clientID}},
		{"notify_prefs", `DELETE FROM notify_prefs WHERE user_id = ?`, []any{clientID}},
		{"invitations", `UPDATE invitations SET email = 'erased-invitation-' || id || '@erased.invalid', name = '',
			revoked_at = CASE WHEN accepted_at IS NULL THEN COALESCE(revoked_at, ?) ELSE revoked_at END
			WHERE user_id = ? OR email = ?`, []any{now, clientID, email}},
		{"signups", `UPDATE signups SET email = 'erased-signup-' || id || '@erased.invalid', name = '' WHERE user_id = ? OR email = ?`,
			[]any{clientID, email}},
		// What they said, chose or were told (plaintext, or legacy plaintext
		// left beside sealed columns).
		{"consents", `UPDATE consents SET purpose = '', purpose_sealed = NULL, revoked_at = COALESCE(revoked_at, ?) WHERE client_id = ?`, []any{now, clientID}},
		{"break_glass", `UPDATE break_glass SET reason = '', reason_sealed = NULL WHERE client_id = ?`, []any{clientID}},
		{"plan_history", `DELETE FROM plan_history WHERE plan_id IN (SELECT id FROM plans WHERE client_id = ?)`, []any{clientID}},
		{"plans", `UPDATE plans SET intentions = '', intentions_sealed = NULL WHERE client_id = ?`, []any{clientID}},
		{"actions", `DELETE FROM actions WHERE client_id = ?`, []any{clientID}},
		{"intentions", `DELETE FROM intentions WHERE client_id = ?`, []any{clientID}},
		{"insights", `DELETE FROM insights WHERE client_id = ?`, []any{clientID}},
		{"care_summaries", `UPDATE care_summaries SET title = '', title_sealed = NULL, body = NULL WHERE client_id = ?`, []any{clientID}},
		{"referrals", `UPDATE referrals SET person_name = '', email = '', reason = '', reason_sealed = NULL, experience_on = '' WHERE client_id = ? OR (email = ? AND email <> '')`,
			[]any{clientID, email}},
		{"coach_reports", `UPDATE coach_reports SET what = '', what_sealed = NULL WHERE reporter_id = ?`, []any{clientID}},
		{"session_note_versions", `UPDATE session_note_versions SET reason = '' WHERE note_id IN (SELECT id FROM session_notes WHERE client_id = ?)`, []any{clientID}},
		// Clinical facts held as plain codes and numbers.
		{"safety_alerts", `UPDATE safety_alerts SET reason = '', reason_digest = NULL, reason_sealed = NULL, kinds = '', kinds_sealed = NULL WHERE client_id = ?`, []any{clientID}},
		{"adverse_reactions", `DELETE FROM adverse_reactions WHERE client_id = ?`, []any{clientID}},
		{"measure_assignments", `DELETE FROM measure_assignments WHERE client_id = ?`, []any{clientID}},
		{"measure_responses", `DELETE FROM measure_responses WHERE client_id = ?`, []any{clientID}},
		{"outcome_doses", `DELETE FROM outcome_doses WHERE client_id = ?`, []any{clientID}},
		{"checkins", `DELETE FROM checkins WHERE client_id = ?`, []any{clientID}},
		{"intakes", `DELETE FROM intakes WHERE client_id = ?`, []any{clientID}},
		{"journal_entries", `UPDATE journal_entries SET safety_level = 'none' WHERE client_id = ?`, []any{clientID}},
		{"messages", `UPDATE messages SET safety_level = 'none' WHERE client_id = ?`, []any{clientID}},
		// Money: amounts, numbers and dates stay for the accounts, without a
		// name or a reason.
		{"invoices", `UPDATE invoices SET client_name = ?, reason = '' WHERE client_id = ?`, []any{ErasedName, clientID}},
		{"billing_lines", `UPDATE billing_lines SET waive_reason = '',
			description = CASE WHEN source_kind = 'credit' THEN 'Credit' ELSE description END WHERE client_id = ?`, []any{clientID}},
		// Queued and finished jobs whose arguments name the address.
		{"river_job", `DELETE FROM river_job WHERE state <> 'running' AND CAST(args AS TEXT) LIKE ?`, []any{"%" + email + "%"}},
	}
	for _, st := range steps {
		res, err := tx.Exec(ctx, st.query, st.args...)
		if err != nil {
			return nil, errs.Wrap(err, "erasing "+st.table)
		}
		if n, err := res.RowsAffected(); err == nil && n > 0 {
			counts[st.table] = n
		}
	}
	return counts, nil
}
