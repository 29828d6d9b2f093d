package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"hash"
)

// hashDomain separates this encoding from any other use of SHA-256 and lets
// a future format change the version. Version 1 is a plain SHA-256 chain
// (events before the audit key existed); version 2 is keyed.
const (
	hashDomain = "afterward/audit/v1"
	macDomain  = "afterward/audit/v2"
)

// eventMAC is HMAC-SHA256 under the audit key over the same canonical
// encoding as eventHash: without the key nobody can recompute the chain
// after changing an event, which a plain hash allowed.
func eventMAC(key []byte, e Event, prev []byte) []byte {
	return digest(hmac.New(sha256.New, key), macDomain, e, prev)
}

// eventHash is SHA-256 over a canonical encoding of every column and the
// previous hash: fixed field order, integers as 8 big-endian bytes, the time
// as Unix microseconds in UTC, and strings and byte slices prefixed by their
// length, so no two different events encode the same way.
func eventHash(e Event, prev []byte) []byte {
	return digest(sha256.New(), hashDomain, e, prev)
}

func digest(h hash.Hash, domain string, e Event, prev []byte) []byte {
	writeBytes(h, []byte(domain))
	writeInt(h, e.ID)
	writeInt(h, e.At.UTC().UnixMicro())
	writeInt(h, e.ActorID)
	for _, s := range []string{e.ActorRole, e.Action, e.ResourceType, e.ResourceID} {
		writeBytes(h, []byte(s))
	}
	writeInt(h, e.ClientID)
	for _, s := range []string{e.Outcome, e.ClientIP, e.RequestID, e.Detail} {
		writeBytes(h, []byte(s))
	}
	writeBytes(h, prev)
	return h.Sum(nil)
}

func writeInt(h hash.Hash, n int64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n))
	h.Write(b[:])
}

func writeBytes(h hash.Hash, p []byte) {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(len(p)))
	h.Write(b[:])
	h.Write(p)
}
