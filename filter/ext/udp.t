# udp match
-4
*filter
:INPUT,FORWARD,OUTPUT
-p udp -m udp --sport 53;=
-p udp -m udp ! --dport 1:2;=
-p udp -m udp --dport 65536;-p udp -m udp --dport 0
-p udp -m udp --sport :1024 --dport 1024:;-p udp -m udp --sport 0:1024 --dport 1024:65535
-p udp --dport domain;-p udp -m udp --dport 53
-p udp -m udp;=
-p udp -m udp --sport 1 --sport 2;FAIL;udp: option "--source-port" can only be used once.
-p 17 --dport 53;-p udp -m udp --dport 53
-m udp --dport 53;FAIL;@commit
-p tcp -m udp --dport 53;FAIL;@commit
-p udp -m udp --dport 5:4;=
-6
*filter
:INPUT,FORWARD,OUTPUT
-p udp -m udp --dport 53;=
-p udp -m udp ! --sport 1:2;=
# packets
-4
*filter
:INPUT
-p udp -m udp --dport 53;=
>proto=udp dport=53;match
>proto=udp dport=54;nomatch
>proto=tcp dport=53 flags=SYN;nomatch
-p udp -m udp ! --sport 1:1024;=
>proto=udp sport=1024 dport=9;nomatch
>proto=udp sport=1025 dport=9;match
-6
*filter
:INPUT
-p udp -m udp --dport 546:547;=
>proto=udp dport=547;match
>proto=udp dport=548;nomatch
