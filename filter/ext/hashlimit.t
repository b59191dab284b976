# hashlimit match (revision 2 as iptables 1.8.9 writes it)
-4
*filter
:INPUT,FORWARD,OUTPUT
-m hashlimit --hashlimit-upto 10/sec --hashlimit-name foo;-m hashlimit --hashlimit-upto 10/sec --hashlimit-burst 5 --hashlimit-name foo
-m hashlimit --hashlimit-above 10/sec --hashlimit-name foo;-m hashlimit --hashlimit-above 10/sec --hashlimit-burst 5 --hashlimit-name foo
-m hashlimit --hashlimit 10/sec --hashlimit-name foo;-m hashlimit --hashlimit-upto 10/sec --hashlimit-burst 5 --hashlimit-name foo
-m hashlimit --hashlimit-upto 10/sec --hashlimit-burst 20 --hashlimit-mode srcip --hashlimit-name foo;=
-m hashlimit --hashlimit-above 5/min --hashlimit-burst 10 --hashlimit-mode srcip,dstport --hashlimit-name SSH;=
-m hashlimit --hashlimit-above 1/hour --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name ssh --hashlimit-htable-expire 3600000;-m hashlimit --hashlimit-above 1/hour --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name ssh
-m hashlimit --hashlimit-upto 1/sec --hashlimit-mode dstip,srcip,srcport,dstport --hashlimit-name x;-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-mode srcip,srcport,dstip,dstport --hashlimit-name x
-m hashlimit --hashlimit-upto 1/sec --hashlimit-mode srcip --hashlimit-srcmask 24 --hashlimit-dstmask 16 --hashlimit-name x;-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name x --hashlimit-srcmask 24 --hashlimit-dstmask 16
-m hashlimit --hashlimit-upto 1/sec --hashlimit-srcmask 24 --hashlimit-name x;-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-name x --hashlimit-srcmask 24
-m hashlimit --hashlimit-upto 1/sec --hashlimit-mode srcip --hashlimit-srcmask 32 --hashlimit-name x;-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name x
-m hashlimit --hashlimit-upto 1/sec --hashlimit-name x --hashlimit-htable-size 1024 --hashlimit-htable-max 2048 --hashlimit-htable-gcinterval 500;-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-name x --hashlimit-htable-size 1024 --hashlimit-htable-max 2048 --hashlimit-htable-gcinterval 500
-m hashlimit --hashlimit-upto 1/sec --hashlimit-name x --hashlimit-htable-expire 10000;-m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 5 --hashlimit-name x --hashlimit-htable-expire 10000
-m hashlimit --hashlimit-upto 1/day --hashlimit-name x;FAIL;@commit
-m hashlimit --hashlimit-upto 7/hour --hashlimit-name x;-m hashlimit --hashlimit-upto 7/hour --hashlimit-burst 5 --hashlimit-name x
-m hashlimit --hashlimit-upto 100kb/s --hashlimit-name x;=
-m hashlimit --hashlimit-upto 1mb/s --hashlimit-burst 2mb --hashlimit-name x;=
-m hashlimit --hashlimit-upto 512b/s --hashlimit-name x;=
-m hashlimit --hashlimit-upto 10/sec;FAIL;hashlimit: option "--hashlimit-name" must be specified
-m hashlimit --hashlimit-name x;FAIL;You have to specify --hashlimit
-m hashlimit --hashlimit-upto 10/sec --hashlimit-name x --hashlimit-mode foo;FAIL;hashlimit: Bad value for "--hashlimit-mode" option: "foo"
-m hashlimit --hashlimit-upto 0/sec --hashlimit-name x;FAIL;hashlimit: Bad value for "--hashlimit-upto" option: "0/sec"
-m hashlimit --hashlimit-upto 1000001/sec --hashlimit-name x;FAIL;Rate too fast "1000001/sec"
-m hashlimit --hashlimit-upto 10/sec --hashlimit-name aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;-m hashlimit --hashlimit-upto 10/sec --hashlimit-burst 5 --hashlimit-name aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
-m hashlimit --hashlimit-upto 10/sec --hashlimit-name x --hashlimit-burst 0;FAIL;bad value for option "--hashlimit-burst", or out of range (1-1000000).
-m hashlimit --hashlimit-upto 10/sec --hashlimit-name x --hashlimit-burst 10001;-m hashlimit --hashlimit-upto 10/sec --hashlimit-burst 10001 --hashlimit-name x
-m hashlimit --hashlimit-upto 10/sec --hashlimit-name rm --hashlimit-rate-match;-m hashlimit --hashlimit-upto 10/sec --hashlimit-burst 5 --hashlimit-name rm --hashlimit-rate-match
-m hashlimit ! --hashlimit-upto 10/sec --hashlimit-name x;-m hashlimit --hashlimit-above 10/sec --hashlimit-burst 5 --hashlimit-name x
-m hashlimit --hashlimit-upto 10/sec --hashlimit-above 5/sec --hashlimit-name x;FAIL;hashlimit: option "--hashlimit-upto" cannot be used together with "--hashlimit-above".
-m hashlimit --hashlimit-upto 10/second --hashlimit-name x --hashlimit-mode SRCIP;FAIL;hashlimit: Bad value for "--hashlimit-mode" option: "SRCIP"
-6
*filter
:INPUT
-m hashlimit --hashlimit-upto 10/sec --hashlimit-mode srcip --hashlimit-srcmask 64 --hashlimit-name v6;-m hashlimit --hashlimit-upto 10/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name v6 --hashlimit-srcmask 64
-m hashlimit --hashlimit-upto 10/sec --hashlimit-mode srcip --hashlimit-srcmask 128 --hashlimit-name v6;-m hashlimit --hashlimit-upto 10/sec --hashlimit-burst 5 --hashlimit-mode srcip --hashlimit-name v6
# packets: a rate far below the test's pace, so only the burst counts
-4
*mangle
:PREROUTING
-m hashlimit --hashlimit-upto 1/hour --hashlimit-burst 2 --hashlimit-mode srcip --hashlimit-name pk1;=
>proto=udp;match
>proto=udp;match
>proto=udp;nomatch
>proto=udp src=10.77.0.5;match
>proto=udp;nomatch
-m hashlimit --hashlimit-above 1/hour --hashlimit-burst 1 --hashlimit-mode srcip,dstport --hashlimit-name pk2;=
>proto=udp dport=1;nomatch
>proto=udp dport=1;match
>proto=udp dport=2;nomatch
>proto=udp dport=2;match
# packets: a bucket refills with time (kernel only: nfctl eval has no clock)
-4
*mangle
:PREROUTING
-m hashlimit --hashlimit-upto 2/sec --hashlimit-burst 1 --hashlimit-mode srcip --hashlimit-name pk3;=
>proto=udp sport=45001;match;kernel
>proto=udp sport=45001;nomatch;kernel
>proto=udp sport=45001 sleep=0.6;match;kernel
>proto=udp sport=45001;nomatch;kernel
