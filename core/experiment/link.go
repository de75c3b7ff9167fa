package experiment

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// MaxLinkLength bounds the text ParseLink reads.
const MaxLinkLength = 64 << 10

// ParseLink reads the settings part of a page's address: the fragment after
// "#" of a whole URL, or the fragment alone ("system=pendulum&width=300",
// with or without its "#"). It is a list of key=value pairs joined by "&",
// percent-encoded; "+" stands for a space, as in form encoding. A URL
// without a fragment holds no settings. It returns the values as Parse takes
// them; a malformed pair or a key given twice is an error.
func ParseLink(link string) (map[string]string, error) {
	if len(link) > MaxLinkLength {
		return nil, fmt.Errorf("the link is %d characters long; at most %d are read", len(link), MaxLinkLength)
	}
	frag := strings.TrimSpace(link)
	if i := strings.IndexByte(frag, '#'); i >= 0 {
		frag = frag[i+1:]
	} else if strings.Contains(frag, "://") {
		frag = ""
	}
	values := map[string]string{}
	for _, part := range strings.Split(frag, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err := unescape(k)
		if err != nil {
			return nil, fmt.Errorf("the link's part %q: %v", part, err)
		}
		val, err := unescape(v)
		if err != nil {
			return nil, fmt.Errorf("the link's part %q: %v", part, err)
		}
		if key == "" {
			return nil, fmt.Errorf("the link's part %q has no key", part)
		}
		if _, dup := values[key]; dup {
			return nil, fmt.Errorf("the link gives %q twice", key)
		}
		values[key] = val
	}
	return values, nil
}

// Link writes values as a link's fragment (without "#"), in the order of
// the table (a Map field's entries sorted by name), keeping only the keys
// present, but for an Optional field's empty text. Characters other than letters, digits and -_.~,*/:(); are
// percent-encoded, so the text survives any URL and any shell's single
// quotes.
func Link(values map[string]string) string {
	var b strings.Builder
	add := func(k, v string) {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(escape(k))
		b.WriteByte('=')
		b.WriteString(escape(v))
	}
	for i := range Fields {
		f := &Fields[i]
		if f.Kind == Map {
			for _, k := range slices.Sorted(maps.Keys(values)) {
				if strings.HasPrefix(k, f.Prefix) && len(k) > len(f.Prefix) {
					add(k, values[k])
				}
			}
			continue
		}
		if v, ok := values[f.Key]; ok && !(f.Optional && v == "") {
			add(f.Key, v)
		}
	}
	return b.String()
}

// LinkOf is Link of the values of s in the given groups (all when none).
func LinkOf(s Settings, groups ...Group) string {
	all := Values(s)
	if len(groups) == 0 {
		return Link(all)
	}
	keep := map[string]string{}
	for _, g := range groups {
		for _, f := range Fields {
			if f.Group != g {
				continue
			}
			for k, v := range all {
				if k == f.Key || (f.Kind == Map && strings.HasPrefix(k, f.Prefix)) {
					keep[k] = v
				}
			}
		}
	}
	return Link(keep)
}

const hexDigits = "0123456789ABCDEF"

func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~,*/:();", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

func unescape(s string) (string, error) {
	if !strings.ContainsAny(s, "%+") {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b = append(b, ' ')
		case '%':
			if i+2 >= len(s) || unhex(s[i+1]) < 0 || unhex(s[i+2]) < 0 {
				return "", fmt.Errorf("%q is not a percent escape", s[i:min(i+3, len(s))])
			}
			b = append(b, byte(unhex(s[i+1])<<4|unhex(s[i+2])))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b), nil
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}
