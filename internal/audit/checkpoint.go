package audit

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/afterward/afterward/internal/store"
)

// CheckpointFileName is the signed checkpoint log in the data directory:
// one JSON line per checkpoint, appended and fsynced. Each records the chain
// head (sequence number and MAC) and the keyed boundary at a moment, signed
// with Ed25519 under a key derived from the audit key. Because it lives
// outside the database, removing the newest events and winding the head
// back — which leaves a consistent chain — no longer passes verification:
// the head falls short of, or differs from, a signed checkpoint. The same
// line goes to the log, so a log shipper keeps a second copy.
const CheckpointFileName = "audit-checkpoints.jsonl"

// CheckpointPath is where the checkpoint log lives in a data directory.
func CheckpointPath(dataDir string) string { return filepath.Join(dataDir, CheckpointFileName) }

// Checkpoint is one signed record of the head.
type Checkpoint struct {
	At        time.Time `json:"at"`
	Seq       int64     `json:"seq"`
	Hash      string    `json:"hash"` // hex
	KeyedFrom int64     `json:"keyed_from"`
	Sig       string    `json:"sig"` // hex Ed25519 signature
}

// SigningKey derives the checkpoint signing key from the audit key. Its
// public half (PublicKey) can be given to anyone who should check
// checkpoints without being able to forge them.
func SigningKey(key []byte) ed25519.PrivateKey {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("afterward/audit/checkpoint-signing/v1"))
	return ed25519.NewKeyFromSeed(m.Sum(nil))
}

func (c Checkpoint) message() []byte {
	var b bytes.Buffer
	b.WriteString("afterward/audit/checkpoint/v1")
	for _, n := range []int64{c.At.UTC().UnixMicro(), c.Seq, c.KeyedFrom} {
		b.Write(binary.BigEndian.AppendUint64(nil, uint64(n)))
	}
	b.WriteString(c.Hash)
	return b.Bytes()
}

// NewCheckpoint signs head at the given time.
func NewCheckpoint(key []byte, head Head, at time.Time) Checkpoint {
	c := Checkpoint{At: at.UTC().Truncate(time.Microsecond), Seq: head.Seq, Hash: hex.EncodeToString(head.Hash), KeyedFrom: head.KeyedFrom}
	c.Sig = hex.EncodeToString(ed25519.Sign(SigningKey(key), c.message()))
	return c
}

// Valid reports whether the signature is the audit key's.
func (c Checkpoint) Valid(key []byte) bool {
	sig, err := hex.DecodeString(c.Sig)
	if err != nil {
		return false
	}
	return ed25519.Verify(SigningKey(key).Public().(ed25519.PublicKey), c.message(), sig)
}

// AppendCheckpoint adds c to the checkpoint log and syncs it.
func AppendCheckpoint(path string, c Checkpoint) error {
	line, err := json.Marshal(c)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("audit: opening the checkpoint log: %w", err)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("audit: writing a checkpoint: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("audit: writing a checkpoint: %w", err)
	}
	return f.Close()
}

// ReadCheckpoints reads the checkpoint log; a missing file is no
// checkpoints. A last line without its newline (a crash mid-write) is
// ignored; any other line that does not parse is an error naming it.
func ReadCheckpoints(path string) ([]Checkpoint, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("audit: reading the checkpoint log: %w", err)
	}
	if i := bytes.LastIndexByte(data, '\n'); i < len(data)-1 {
		data = data[:i+1]
	}
	var out []Checkpoint
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		var c Checkpoint
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("audit: %s line %d is not a checkpoint", path, n)
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// Checkpointer writes signed checkpoints while a server runs: at start,
// every Every when the head has moved, and when it stops.
type Checkpointer struct {
	DB    *store.DB
	Key   []byte
	Path  string
	Every time.Duration
	Log   *slog.Logger
	Now   func() time.Time
	// Level of the line logged per checkpoint: Info for a server (a log
	// shipper keeps a copy), Debug for a command closing.
	Level slog.Level
	last  int64
}

// Run blocks until ctx ends.
func (c *Checkpointer) Run(ctx context.Context) {
	c.last = -1
	c.write(ctx)
	t := time.NewTicker(c.Every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			c.write(context.WithoutCancel(ctx))
			return
		case <-t.C:
			c.write(ctx)
		}
	}
}

// WriteOnce writes one checkpoint of the current head unless the log's
// newest checkpoint already records it.
func (c *Checkpointer) WriteOnce(ctx context.Context) {
	c.last = lastSeq(c.Path)
	c.write(ctx)
}

// lastSeq is the sequence number of the log's newest checkpoint (-1: none),
// read from the file's tail.
func lastSeq(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return -1
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return -1
	}
	const tail = 4096
	off := max(0, info.Size()-tail)
	buf := make([]byte, info.Size()-off)
	if _, err := f.ReadAt(buf, off); err != nil {
		return -1
	}
	lines := bytes.Split(bytes.TrimRight(buf, "\n"), []byte("\n"))
	var c Checkpoint
	if err := json.Unmarshal(lines[len(lines)-1], &c); err != nil {
		return -1
	}
	return c.Seq
}

func (c *Checkpointer) write(ctx context.Context) {
	head, err := ReadHead(ctx, c.DB.Reader())
	if err != nil {
		c.Log.Error("audit checkpoint: reading the head", "err", err)
		return
	}
	if head.Seq == c.last {
		return
	}
	cp := NewCheckpoint(c.Key, head, c.Now())
	if err := AppendCheckpoint(c.Path, cp); err != nil {
		c.Log.Error("audit checkpoint", "err", err)
		return
	}
	c.last = head.Seq
	c.Log.Log(ctx, c.Level, "audit checkpoint", "seq", cp.Seq, "hash", cp.Hash, "keyed_from", cp.KeyedFrom, "at", cp.At.Format(time.RFC3339Nano), "sig", cp.Sig)
}
