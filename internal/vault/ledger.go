package vault

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// LedgerFileName is the erasure ledger in the data directory.
const LedgerFileName = "erasure-ledger.jsonl"

// LedgerPath is where the erasure ledger lives in a data directory.
func LedgerPath(dataDir string) string { return filepath.Join(dataDir, LedgerFileName) }

// LedgerEntry is one line of the erasure ledger: which client was erased
// and when. Nothing else, so the ledger holds no content either.
type LedgerEntry struct {
	ErasedAt time.Time `json:"erased_at"`
	ClientID int64     `json:"client_id"`
}

// appendLedger adds one line and fsyncs before returning. It is called
// before the erasing transaction commits: if the commit then fails, the
// ledger names a client whose erasure was due anyway, which errs on the
// side of erasing; the other order could lose an erasure in a crash.
func appendLedger(path string, e LedgerEntry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	_, statErr := os.Stat(path)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("vault: opening the erasure ledger: %w", err)
	}
	if err := trimTornTail(f); err != nil {
		f.Close()
		return fmt.Errorf("vault: repairing the erasure ledger: %w", err)
	}
	if err := writeAndSync(f, append(line, '\n')); err != nil {
		return fmt.Errorf("vault: writing the erasure ledger: %w", err)
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		return syncDir(filepath.Dir(path))
	}
	return nil
}

// trimTornTail removes a last line without its newline: a write that a
// crash interrupted, whose transaction therefore never committed. Without
// this the next entry would be glued to it and the ledger would not parse.
func trimTornTail(f *os.File) error {
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return err
	}
	size := info.Size()
	tail := make([]byte, min(size, maxLedgerLine))
	if _, err := f.ReadAt(tail, size-int64(len(tail))); err != nil {
		return err
	}
	if tail[len(tail)-1] == '\n' {
		return nil
	}
	keep := size - int64(len(tail)) + int64(bytes.LastIndexByte(tail, '\n')+1)
	return f.Truncate(keep)
}

// maxLedgerLine bounds one line; real entries are under 100 bytes.
const maxLedgerLine = 4096

// ReadLedger parses a ledger. A last line without its newline is a write
// that never finished (its transaction did not commit) and is ignored;
// any other malformed line is an error, so start-up stops rather than
// silently skipping an erasure.
func ReadLedger(r io.Reader) ([]LedgerEntry, error) {
	br := bufio.NewReader(r)
	var out []LedgerEntry
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) || len(line) > maxLedgerLine {
			return nil, fmt.Errorf("erasure ledger line %d is too long", n)
		}
		if errors.Is(err, io.EOF) {
			return out, nil // empty or torn final line
		}
		if err != nil {
			return nil, err
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		e, err := parseLedgerLine(line)
		if err != nil {
			return nil, fmt.Errorf("erasure ledger line %d: %w", n, err)
		}
		out = append(out, e)
	}
}

func parseLedgerLine(line []byte) (LedgerEntry, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	var e LedgerEntry
	if err := dec.Decode(&e); err != nil {
		return LedgerEntry{}, errors.New("not a ledger entry")
	}
	if dec.More() {
		return LedgerEntry{}, errors.New("data after the entry")
	}
	if e.ClientID <= 0 || e.ErasedAt.IsZero() {
		return LedgerEntry{}, errors.New("entry needs a positive client_id and erased_at")
	}
	return e, nil
}

// readLedgerFile reads the ledger at path; a missing file is empty.
func readLedgerFile(path string) ([]LedgerEntry, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadLedger(f)
}
