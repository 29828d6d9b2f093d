package store

// GroupWriteLanes is how many GroupWrite batches may run at once.
func (db *DB) GroupWriteLanes() int { return max(db.writes().lanes, 1) }

// GroupWriteWaiting is how many GroupWrite calls are queued behind busy lanes.
func (db *DB) GroupWriteWaiting() int {
	g := db.writes()
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.waiting)
}

// GroupCommitLanes is how many GroupCommit batches may run at once.
func (db *DB) GroupCommitLanes() int { return max(db.group.lanes, 1) }
