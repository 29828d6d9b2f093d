package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"slices"

	"github.com/afterward/afterward/internal/vault"
)

// rotateReport is what `afterward keys rotate` prints. It never holds key
// material, only key ids.
type rotateReport struct {
	MasterKeyID   string   `json:"master_key_id"`
	RetiredKeyIDs []string `json:"retired_key_ids"`
	Rewrapped     int      `json:"rewrapped"`
	Next          string   `json:"next"`
}

// runKeys: `afterward keys rotate [--new-key-file FILE] [flags]` re-wraps
// every client data key under a new master key while servers keep running.
//
// With AFTERWARD_MASTER_KEY set, the new key comes from --new-key-file or
// AFTERWARD_NEW_MASTER_KEY (base64 of 32 bytes); servers that already have
// AFTERWARD_NEW_MASTER_KEY set read both keys throughout. Otherwise the key
// file <data-dir>/master.key is rotated: a new key (from --new-key-file, or
// fresh) goes in front, the data keys move to it, and the old key is
// retired from the file; running servers reload the file on their own.
func runKeys(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "rotate" {
		return usagef("use 'afterward keys rotate [--new-key-file FILE] [--db URL] [--data-dir DIR]'")
	}
	var newKeyFile string
	cfg, err := parseFlags("keys rotate", env, args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&newKeyFile, "new-key-file", "", "file holding the new master key, base64 of 32 bytes (default: AFTERWARD_NEW_MASTER_KEY, or a fresh key for the key file)")
	})
	if err != nil {
		return err
	}
	newKey, given, err := newMasterKey(env, newKeyFile)
	if err != nil {
		return err
	}
	if env.getenv(vault.EnvMasterKey) != "" {
		return rotateEnv(ctx, env, cfg, newKey, given)
	}
	return rotateFile(ctx, env, cfg, newKey)
}

// newMasterKey reads the new key from --new-key-file or the environment,
// or draws a fresh one; given reports whether one was supplied.
func newMasterKey(env Env, path string) (key vault.MasterKey, given bool, err error) {
	switch {
	case path != "":
		data, err := os.ReadFile(path)
		if err != nil {
			return key, false, usagef("--new-key-file %s cannot be read (%v)", path, rootCause(err))
		}
		if key, err = vault.ParseMasterKey(string(data)); err != nil {
			return key, false, usagef("--new-key-file %s: %v", path, err)
		}
		return key, true, nil
	case env.getenv(vault.EnvNewMasterKey) != "":
		if key, err = vault.ParseMasterKey(env.getenv(vault.EnvNewMasterKey)); err != nil {
			return key, false, usagef("%s: %v", vault.EnvNewMasterKey, err)
		}
		return key, true, nil
	}
	key, err = vault.NewMasterKey()
	return key, false, err
}

func rotateEnv(ctx context.Context, env Env, cfg Config, newKey vault.MasterKey, given bool) error {
	if !given {
		return usagef("%s is set: give the new master key with --new-key-file FILE or %s (base64 of 32 bytes, e.g. from 'openssl rand -base64 32')",
			vault.EnvMasterKey, vault.EnvNewMasterKey)
	}
	current, err := vault.ParseMasterKey(env.getenv(vault.EnvMasterKey))
	if err != nil {
		return usagef("%s: %v", vault.EnvMasterKey, err)
	}
	if current.Equal(newKey) {
		return usagef("the new master key is the current %s; generate a different one", vault.EnvMasterKey)
	}
	cfg.Existing = true
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	ring, _ := vault.NewKeyring(current)
	rot, err := vault.RotateEnv(ctx, db, ring, newKey, env.now())
	if err != nil {
		return err
	}
	return printRotation(env, rot, "set "+vault.EnvMasterKey+" to the new key on every server and unset "+
		vault.EnvNewMasterKey+"; the old key no longer opens any data key and can be destroyed")
}

func rotateFile(ctx context.Context, env Env, cfg Config, newKey vault.MasterKey) error {
	path := vault.KeyFilePath(cfg.DataDir)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return usagef("no master key file at %s and %s is not set; check --data-dir", path, vault.EnvMasterKey)
	}
	if old, err := vault.LoadKeyFile(path); err != nil {
		return usagef("%v", err)
	} else if slices.ContainsFunc(old.Keys(), newKey.Equal) {
		return usagef("the new master key is already in %s; generate a different one", path)
	}
	cfg.Existing = true
	db, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	rot, err := vault.RotateKeyFile(ctx, db, path, newKey, env.now())
	if err != nil {
		return err
	}
	return printRotation(env, rot, "nothing to set: "+path+" now holds only the new key and running servers reload it; "+
		"destroy older copies of the key file (its backups) so the old key is gone")
}

func printRotation(env Env, rot vault.Rotation, next string) error {
	report := rotateReport{MasterKeyID: rot.NewKeyID, RetiredKeyIDs: rot.RetiredIDs, Rewrapped: rot.Rewrapped, Next: next}
	if report.RetiredKeyIDs == nil {
		report.RetiredKeyIDs = []string{}
	}
	out, err := json.Marshal(report)
	if err != nil {
		return err
	}
	_, err = env.Stdout.Write(append(out, '\n'))
	return err
}
