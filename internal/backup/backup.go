// Package backup writes and reads a practice's backup archive: one tar file
// holding a consistent copy of the SQLite database, the attachments of the
// local file store and the erasure ledger. The master key is never in it:
// a backup alone opens nothing sealed, and restoring needs the key kept
// apart from it.
package backup

import (
	"archive/tar"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/afterward/afterward/internal/store"
)

// Format names the archive layout so a later one can differ.
const Format = "afterward-backup/1"

// Names inside the archive.
const (
	ManifestName = "manifest.json"
	DatabaseName = "afterward.db"
	LedgerName   = "erasure-ledger.jsonl"
	BlobsDir     = "blobs"
)

// Manifest describes an archive; it is its first entry.
type Manifest struct {
	Format  string    `json:"format"`
	Created time.Time `json:"created"`
	// Files counts the attachments in the archive; BlobsElsewhere says the
	// practice keeps them in an S3-compatible store, backed up on its own.
	Files          int  `json:"files"`
	BlobsElsewhere bool `json:"blobs_elsewhere,omitempty"`
}

// Source is what a backup copies: the database, the local attachment
// directory (empty when attachments live in S3) and the ledger path.
type Source struct {
	DB         *store.DB
	BlobDir    string
	LedgerPath string
}

// Write takes a consistent snapshot of the database (VACUUM INTO), then
// copies the attachments, and writes the archive to out atomically (a
// temporary file renamed into place, mode 0600). Attachments are written
// before the rows that name them, so every file the snapshot refers to
// already exists when the copy starts.
func Write(ctx context.Context, src Source, out string, now time.Time) (Manifest, error) {
	dir := filepath.Dir(out)
	snap, err := os.CreateTemp(dir, ".afterward-snapshot-*.db")
	if err != nil {
		return Manifest{}, err
	}
	snapPath := snap.Name()
	snap.Close()
	os.Remove(snapPath) // VACUUM INTO wants a path that does not exist
	defer os.Remove(snapPath)
	if err := src.DB.BackupSQLite(ctx, snapPath); err != nil {
		return Manifest{}, err
	}
	blobs, err := listFiles(src.BlobDir)
	if err != nil {
		return Manifest{}, err
	}
	m := Manifest{Format: Format, Created: now.UTC(), Files: len(blobs), BlobsElsewhere: src.BlobDir == ""}
	tmp, err := os.CreateTemp(dir, ".afterward-backup-*")
	if err != nil {
		return Manifest{}, err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := writeArchive(tmp, m, snapPath, src, blobs); err != nil {
		tmp.Close()
		return Manifest{}, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return Manifest{}, err
	}
	if err := tmp.Close(); err != nil {
		return Manifest{}, err
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return Manifest{}, err
	}
	return m, os.Rename(tmp.Name(), out)
}

func writeArchive(w io.Writer, m Manifest, snapPath string, src Source, blobs []string) error {
	tw := tar.NewWriter(w)
	manifest, err := json.Marshal(m)
	if err != nil {
		return err
	}
	if err := writeBytes(tw, ManifestName, manifest, m.Created); err != nil {
		return err
	}
	if err := writeFile(tw, DatabaseName, snapPath); err != nil {
		return err
	}
	if err := writeFile(tw, LedgerName, src.LedgerPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, rel := range blobs {
		if err := writeFile(tw, path.Join(BlobsDir, rel), filepath.Join(src.BlobDir, filepath.FromSlash(rel))); err != nil {
			return err
		}
	}
	return tw.Close()
}

func writeBytes(tw *tar.Writer, name string, data []byte, at time.Time) error {
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(data)), ModTime: at, Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err := tw.Write(data)
	return err
}

func writeFile(tw *tar.Writer, name, src string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: info.Size(), ModTime: info.ModTime(), Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

// listFiles lists the regular files under dir as slash paths, skipping the
// store's half-written temporaries; a missing or empty dir has none.
func listFiles(dir string) ([]string, error) {
	if dir == "" {
		return nil, nil
	}
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".tmp-") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	return out, err
}

// Extract reads an archive into dir (which must exist and be empty):
// DatabaseName, LedgerName when present, and BlobsDir. It refuses anything
// that is not this format: an unknown entry, a path leaving dir, a missing
// manifest or database. Errors name the problem in words for the operator.
func Extract(from, dir string) (Manifest, error) {
	f, err := os.Open(from)
	if err != nil {
		return Manifest{}, err
	}
	defer f.Close()
	tr := tar.NewReader(f)
	m, err := readManifest(tr)
	if err != nil {
		return Manifest{}, err
	}
	haveDB := false
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Manifest{}, fmt.Errorf("the archive is damaged: %v", err)
		}
		if err := checkEntry(h); err != nil {
			return Manifest{}, err
		}
		haveDB = haveDB || h.Name == DatabaseName
		if err := extractFile(tr, filepath.Join(dir, filepath.FromSlash(h.Name))); err != nil {
			return Manifest{}, err
		}
	}
	if !haveDB {
		return Manifest{}, fmt.Errorf("the archive holds no %s", DatabaseName)
	}
	return m, nil
}

func readManifest(tr *tar.Reader) (Manifest, error) {
	h, err := tr.Next()
	if err != nil || h.Name != ManifestName {
		return Manifest{}, fmt.Errorf("not an Afterward backup (it does not start with %s)", ManifestName)
	}
	var m Manifest
	if err := json.NewDecoder(io.LimitReader(tr, 1<<16)).Decode(&m); err != nil {
		return Manifest{}, fmt.Errorf("the backup's manifest is not valid JSON: %v", err)
	}
	if m.Format != Format {
		return Manifest{}, fmt.Errorf("backup format %q is not %q", m.Format, Format)
	}
	return m, nil
}

// checkEntry accepts only the names Write produces, as regular files.
func checkEntry(h *tar.Header) error {
	name := h.Name
	clean := path.Clean(name)
	switch {
	case h.Typeflag != tar.TypeReg:
		return fmt.Errorf("the archive entry %q is not a regular file", name)
	case clean != name || strings.HasPrefix(name, "/") || strings.Contains(name, ".."):
		return fmt.Errorf("the archive entry %q has an unsafe path", name)
	case name == DatabaseName || name == LedgerName || strings.HasPrefix(name, BlobsDir+"/"):
		return nil
	}
	return fmt.Errorf("the archive entry %q is not part of an Afterward backup", name)
}

func extractFile(r io.Reader, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
