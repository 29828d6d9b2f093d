package store

// GroupLanes is how many group-commit batches may run at once.
func (db *DB) GroupLanes() int { return max(db.group.lanes, 1) }

// GroupWaiting is how many GroupCommit calls are queued behind busy lanes.
func (db *DB) GroupWaiting() int {
	db.group.mu.Lock()
	defer db.group.mu.Unlock()
	return len(db.group.waiting)
}
