# hl match (IPv6 hop limit)
-6
*filter
:INPUT,FORWARD,OUTPUT
-m hl --hl-eq 255;=
-m hl ! --hl-eq 255;=
-m hl --hl-lt 5;=
-m hl --hl-gt 5;=
-m hl --hl-eq 256;FAIL;hl: bad value for option "--hl-eq", or out of range (0-255).
-m hl --hl-eq 0;=
-m hl;FAIL;HL match: You must specify one of `--hl-eq', `--hl-lt', `--hl-gt'
-m hl ! --hl-lt 5;FAIL;hl: option "--hl-lt" cannot be inverted.
-m hl --hl-eq 1 --hl-lt 5;FAIL;hl: option "--hl-lt" cannot be used together with "--hl-eq".
# packets
-6
*mangle
:PREROUTING
-m hl --hl-gt 100;=
>proto=udp ttl=101;match
>proto=udp ttl=100;nomatch
-m hl ! --hl-eq 64;=
>proto=udp;nomatch
>proto=udp ttl=1;match
