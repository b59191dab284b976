# policy match
# Packet rows: without sp= a packet that came through no IPsec transform (the
# kernel checks these too); sp= gives the transforms (nfctl eval's word, see
# filter/README.md), which this kernel cannot produce (no ESP/AH/IPcomp,
# filter/ext/README.md): ;eval.
-4
*filter
:INPUT,FORWARD
-m policy --dir in --pol ipsec;=
>proto=udp;nomatch
>proto=udp sp=in:esp/transport/spi=0x10/reqid=1/src=10.77.0.1/dst=10.77.0.2;match;eval
-m policy --dir in --pol none;=
>proto=udp;match
>proto=udp sp=in:esp/transport/spi=0x10;nomatch;eval
-m policy --dir in --pol ipsec --strict --reqid 1 --spi 0x10 --proto esp --mode tunnel --tunnel-src 1.2.3.4 --tunnel-dst 5.6.7.8;-m policy --dir in --pol ipsec --strict --reqid 1 --spi 0x10 --proto esp --mode tunnel --tunnel-dst 5.6.7.8 --tunnel-src 1.2.3.4
>proto=udp;nomatch
>proto=udp sp=in:esp/tunnel/spi=0x10/reqid=1/src=1.2.3.4/dst=5.6.7.8;match;eval
>proto=udp sp=in:esp/tunnel/spi=0x10/reqid=1/src=1.2.3.5/dst=5.6.7.8;nomatch;eval
>proto=udp sp=in:esp/tunnel/spi=0x10/reqid=2/src=1.2.3.4/dst=5.6.7.8;nomatch;eval
>proto=udp sp=in:esp/tunnel/spi=0x10/reqid=1/src=1.2.3.4/dst=5.6.7.8,esp/tunnel/spi=0x10/reqid=1/src=1.2.3.4/dst=5.6.7.8;nomatch;eval
-m policy --dir in --pol ipsec --proto ah --mode transport;=
-m policy --dir in --pol ipsec ! --proto ah;=
>proto=udp sp=in:ah/transport;nomatch;eval
>proto=udp sp=in:esp/transport;match;eval
>proto=udp sp=in:ah/transport,esp/transport;match;eval
-m policy --dir in --pol ipsec --strict --proto esp --next --proto ah;=
>proto=udp sp=in:ah/transport,esp/transport;match;eval
>proto=udp sp=in:esp/transport,ah/transport;nomatch;eval
>proto=udp sp=in:esp/transport;nomatch;eval
-m policy --dir in --pol ipsec --tunnel-src 1.2.3.0/24 --mode tunnel;-m policy --dir in --pol ipsec --mode tunnel --tunnel-src 1.2.3.0/24
-m policy --dir in;-m policy --dir in --pol ipsec
-m policy --pol ipsec;FAIL;policy match: neither --dir in nor --dir out specified
-m policy --dir in --pol ipsec --proto ipcomp;=
-m policy --dir in --pol ipsec --proto 50;-m policy --dir in --pol ipsec --proto esp
-m policy --dir in --pol ipsec --next;FAIL;policy: option "--next" also requires "--strict".
-m policy --dir in --pol ipsec --reqid 5 --next --reqid 6;FAIL;policy: option "--next" also requires "--strict".
-m policy --dir in --pol none --strict;FAIL;policy match: policy none but --strict given
-m policy --dir in --pol none --spi 1;-m policy --dir in --pol none
-m policy --dir in --pol none --tunnel-src 1.2.3.4;-m policy --dir in --pol none
-m policy --dir in --pol ipsec --strict;FAIL;policy match: empty policy element 0. --strict is in effect, but at least one of reqid, spi, tunnel-src, tunnel-dst, proto or mode is required.
-m policy --dir in --pol ipsec --strict --spi 1 --next;FAIL;policy match: empty policy element 1. --strict is in effect, but at least one of reqid, spi, tunnel-src, tunnel-dst, proto or mode is required.
-m policy --dir in --pol ipsec --tunnel-src 1.2.3.4;FAIL;policy match: --tunnel-src/--tunnel-dst is only valid in tunnel mode
-m policy --dir in --pol ipsec --mode transport --tunnel-dst 1.2.3.4;FAIL;policy match: --tunnel-src/--tunnel-dst is only valid in tunnel mode
-m policy --dir in --pol ipsec ! --mode tunnel --tunnel-src 1.2.3.4;FAIL;policy match: --tunnel-src/--tunnel-dst is only valid in tunnel mode
-m policy --dir in --pol ipsec ! --mode transport --tunnel-src 1.2.3.4;=
-m policy --dir in --pol ipsec --strict --spi 1 --next --spi 2 --next --spi 3 --next --spi 4;-m policy --dir in --pol ipsec --strict --spi 0x1 --next --spi 0x2 --next --spi 0x3 --next --spi 0x4
-m policy --dir in --pol ipsec --strict --spi 1 --next --spi 2 --next --spi 3 --next --spi 4 --next --spi 5;FAIL;policy match: maximum policy depth reached
:INPUT
-m policy --dir out --pol ipsec;FAIL;@commit
:OUTPUT,FORWARD
-m policy --dir out --pol ipsec;=
-m policy --dir out --pol none;=
-6
*filter
:INPUT
-m policy --dir in --pol ipsec --mode tunnel --tunnel-src 2001:db8::1 --tunnel-dst 2001:db8::/64;-m policy --dir in --pol ipsec --mode tunnel --tunnel-dst 2001:db8::/64 --tunnel-src 2001:db8::1
>proto=udp;nomatch
>proto=udp sp=in:esp/tunnel/src=2001:db8::1/dst=2001:db8::9;match;eval
>proto=udp sp=in:esp/tunnel/src=2001:db8::2/dst=2001:db8::9;nomatch;eval
>proto=udp sp=in:esp/transport/src=2001:db8::1/dst=2001:db8::9;nomatch;eval
