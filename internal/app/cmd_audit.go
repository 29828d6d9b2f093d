package app

import (
	"context"
	"fmt"

	"github.com/afterward/afterward/internal/audit"
)

// runAudit: `afterward audit verify [flags]` walks the hash chain. It prints
// "audit chain ok: N events" and exits 0, or prints "audit chain broken at
// event ID: reason" on stderr and exits 1.
func runAudit(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return usagef("use 'afterward audit verify [--db URL] [--data-dir DIR]'")
	}
	cfg, err := parseFlags("audit verify", env, args[1:], nil)
	if err != nil {
		return err
	}
	cfg.Existing = true
	db, err := openStoreMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	key, err := auditKey(cfg)
	if err != nil {
		return err
	}
	cps, err := audit.ReadCheckpoints(audit.CheckpointPath(cfg.DataDir))
	if err != nil {
		return err
	}
	res, err := audit.Verify(ctx, db.Reader(), audit.VerifyOptions{Key: key, Checkpoints: cps})
	if err != nil {
		return err
	}
	if !res.OK() {
		fmt.Fprintf(env.Stderr, "audit chain broken at event %d: %s\n", res.FirstBroken, res.Reason)
		return &reportedError{code: 1}
	}
	fmt.Fprintf(env.Stdout, "audit chain ok: %d events\n", res.Events)
	if k := res.Head.KeyedFrom; k > 1 && res.Events > 0 {
		fmt.Fprintf(env.Stdout, "events 1 to %d predate the audit key: a SHA-256 chain pinned by the keyed MAC of event %d\n", min(k-1, res.Head.Seq), k)
	}
	return nil
}
