# ttl match (IPv4)
-4
*filter
:INPUT,FORWARD,OUTPUT
-m ttl --ttl-eq 64;=
-m ttl ! --ttl-eq 64;=
-m ttl --ttl-lt 5;=
-m ttl --ttl-gt 5;=
-m ttl --ttl-eq 256;FAIL;ttl: bad value for option "--ttl-eq", or out of range (0-255).
-m ttl;FAIL;TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt
-m ttl ! --ttl-gt 5;FAIL;ttl: option "--ttl-gt" cannot be inverted.
# packets
-4
*mangle
:PREROUTING
-m ttl --ttl-eq 64;=
>proto=udp;match
>proto=udp ttl=63;nomatch
-m ttl --ttl-lt 10;=
>proto=udp ttl=9;match
>proto=udp ttl=10;nomatch
-m ttl ! --ttl-eq 5;=
>proto=udp ttl=5;nomatch
>proto=udp ttl=6;match
