package vault

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Where master keys come from when no key file is used.
const (
	EnvMasterKey    = "AFTERWARD_MASTER_KEY"
	EnvNewMasterKey = "AFTERWARD_NEW_MASTER_KEY"
)

// KeyFileName is the key file in the data directory.
const KeyFileName = "master.key"

// KeyFilePath is where the key file lives in a data directory.
func KeyFilePath(dataDir string) string { return filepath.Join(dataDir, KeyFileName) }

// LoadKeyring finds the master keys at start-up. With AFTERWARD_MASTER_KEY
// set, it is the key, and AFTERWARD_NEW_MASTER_KEY, when also set, comes
// first: that is how every server learns the new key before
// `afterward keys rotate` moves the data keys to it. Otherwise the keys are
// read from <dataDir>/master.key, which is created (mode 0600) with a fresh
// key on first start.
func LoadKeyring(getenv func(string) string, dataDir string) (*Keyring, error) {
	if getenv(EnvMasterKey) != "" {
		return keyringFromEnv(getenv)
	}
	if getenv(EnvNewMasterKey) != "" {
		return nil, fmt.Errorf("%s is set without %s", EnvNewMasterKey, EnvMasterKey)
	}
	if dataDir == "" {
		return nil, fmt.Errorf("no master key: set %s or a data directory for %s", EnvMasterKey, KeyFileName)
	}
	path := KeyFilePath(dataDir)
	k, err := LoadKeyFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return CreateKeyFile(path)
	}
	return k, err
}

// KeySourceFrom is a KeySource that reads the environment or key file
// again on every call, so a running server picks up a rotation.
func KeySourceFrom(getenv func(string) string, dataDir string) KeySource {
	return func() (*Keyring, error) { return LoadKeyring(getenv, dataDir) }
}

func keyringFromEnv(getenv func(string) string) (*Keyring, error) {
	current, err := ParseMasterKey(getenv(EnvMasterKey))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", EnvMasterKey, err)
	}
	if s := getenv(EnvNewMasterKey); s != "" {
		next, err := ParseMasterKey(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvNewMasterKey, err)
		}
		if !next.Equal(current) {
			return NewKeyring(next, current)
		}
	}
	return NewKeyring(current)
}

// LoadKeyFile reads a key file, refusing one that others can read.
func LoadKeyFile(path string) (*Keyring, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("key file %s is accessible to other users (mode %o); run chmod 600 on it", path, info.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := ParseKeyFile(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// CreateKeyFile writes a key file holding one fresh key. It fails if the
// file exists, so two servers starting at once cannot overwrite each
// other's key.
func CreateKeyFile(path string) (*Keyring, error) {
	key, err := NewMasterKey()
	if err != nil {
		return nil, err
	}
	k, _ := NewKeyring(key)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return LoadKeyFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("creating key file: %w", err)
	}
	if err := writeAndSync(f, MarshalKeyFile(k)); err != nil {
		return nil, fmt.Errorf("writing key file: %w", err)
	}
	return k, syncDir(filepath.Dir(path))
}

// WriteKeyFile replaces the key file atomically: a reader sees either the
// old file or the new one, never half of it.
func WriteKeyFile(path string, k *Keyring) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".master.key-*")
	if err != nil {
		return fmt.Errorf("writing key file: %w", err)
	}
	defer os.Remove(f.Name()) // no-op after the rename
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("writing key file: %w", err)
	}
	if err := writeAndSync(f, MarshalKeyFile(k)); err != nil {
		return fmt.Errorf("writing key file: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("writing key file: %w", err)
	}
	return syncDir(dir)
}

// writeAndSync writes data, fsyncs and closes f.
func writeAndSync(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// syncDir makes a created or renamed file's directory entry durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
