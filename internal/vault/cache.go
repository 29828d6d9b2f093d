package vault

import (
	"bytes"
	"container/list"
	"sync"
)

// keyCache holds unwrapped data keys, least recently used first out. An
// entry is only used while the stored wrapped key is byte-for-byte the one
// it was unwrapped from.
type keyCache struct {
	mu      sync.Mutex
	max     int
	order   *list.List // of *cacheEntry, most recent at the front
	entries map[int64]*list.Element
}

type cacheEntry struct {
	clientID int64
	keyID    int64
	wrapped  []byte
	dek      []byte
}

func newKeyCache(max int) *keyCache {
	return &keyCache{max: max, order: list.New(), entries: map[int64]*list.Element{}}
}

func (c *keyCache) get(clientID, keyID int64, wrapped []byte) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[clientID]
	if !ok {
		return nil, false
	}
	e := el.Value.(*cacheEntry)
	if e.keyID != keyID || !bytes.Equal(e.wrapped, wrapped) {
		return nil, false
	}
	c.order.MoveToFront(el)
	return e.dek, true
}

func (c *keyCache) put(clientID, keyID int64, wrapped, dek []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.removeLocked(clientID)
	c.entries[clientID] = c.order.PushFront(&cacheEntry{clientID: clientID, keyID: keyID, wrapped: wrapped, dek: dek})
	for c.order.Len() > c.max {
		c.removeLocked(c.order.Back().Value.(*cacheEntry).clientID)
	}
}

// drop forgets a client's key, e.g. when it is destroyed.
func (c *keyCache) drop(clientID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.removeLocked(clientID)
}

func (c *keyCache) removeLocked(clientID int64) {
	el, ok := c.entries[clientID]
	if !ok {
		return
	}
	// The key bytes are not zeroed: a concurrent Seal or Open may still be
	// using them. Once dropped, nothing reaches them again.
	c.order.Remove(el)
	delete(c.entries, clientID)
}
