# tcp match
-4
*filter
:INPUT,FORWARD,OUTPUT
-p tcp -m tcp --sport 1;=
-p tcp -m tcp --sport 65535;=
-p tcp -m tcp --sport 65536;FAIL;invalid port/service `65536' specified
-p tcp -m tcp --sport 22:80;=
-p tcp -m tcp --sport :80;-p tcp -m tcp --sport 0:80
-p tcp -m tcp --sport 80:;-p tcp -m tcp --sport 80:65535
-p tcp -m tcp --sport 0:65535;-p tcp -m tcp
-p tcp -m tcp --sport 5:5;-p tcp -m tcp --sport 5
-p tcp -m tcp --sport 80:22;FAIL;invalid portrange (min > max)
-p tcp -m tcp ! --sport ssh;-p tcp -m tcp ! --sport 22
-p tcp -m tcp --sport 1-2;FAIL;invalid port/service `1-2' specified
-p tcp -m tcp --sport foo;FAIL;invalid port/service `foo' specified
-p tcp -m tcp --source-port 7;-p tcp -m tcp --sport 7
-p tcp -m tcp --sport 1 --sport 2;FAIL;Only one `--source-port' allowed
-p tcp -m tcp --dport 22;=
-p tcp -m tcp --destination-port 22:23;-p tcp -m tcp --dport 22:23
-p tcp -m tcp ! --dport 1 ! --sport 2;-p tcp -m tcp ! --sport 2 ! --dport 1
-p tcp --dport http;-p tcp -m tcp --dport 80
-p tcp --dport 0;-p tcp -m tcp --dport 0
-p tcp -m tcp --tcp-flags ALL SYN,ACK;-p tcp -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG SYN,ACK
-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN;=
-p tcp -m tcp --tcp-flags SYN,ACK,FIN,RST,URG,PSH SYN;-p tcp -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG SYN
-p tcp -m tcp --tcp-flags syn,ack syn;-p tcp -m tcp --tcp-flags SYN,ACK SYN
-p tcp -m tcp --tcp-flags ALL ALL;-p tcp -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG FIN,SYN,RST,PSH,ACK,URG
-p tcp -m tcp --tcp-flags ALL NONE;-p tcp -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE
-p tcp -m tcp --tcp-flags NONE NONE;-p tcp -m tcp
-p tcp -m tcp --tcp-flags SYN,SYN SYN;-p tcp -m tcp --tcp-flags SYN SYN
-p tcp -m tcp ! --tcp-flags SYN SYN;=
-p tcp -m tcp --tcp-flags SYN;FAIL;--tcp-flags requires two args.
-p tcp -m tcp --tcp-flags FOO SYN;FAIL;Unknown TCP flag `FOO'
-p tcp -m tcp --tcp-flags ECN SYN;FAIL;Unknown TCP flag `ECN'
-p tcp -m tcp --tcp-flags SYN,RST SYN,RST,ACK;=
-p tcp --syn;-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN
-p tcp ! --syn;-p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN
-p tcp --syn --tcp-flags SYN SYN;FAIL;Only one of `--syn' or `--tcp-flags'  allowed
-p tcp --tcp-option 5;-p tcp -m tcp --tcp-option 5
-p tcp ! --tcp-option 0;FAIL;Bad TCP option "0"
-p tcp --tcp-option 255;-p tcp -m tcp --tcp-option 255
-p tcp --tcp-option 256;FAIL;Bad TCP option "256"
-p tcp -m tcp;=
-p tcp -m tcp --dport 22 --sport 1 --tcp-flags SYN SYN --tcp-option 2;-p tcp -m tcp --sport 1 --dport 22 --tcp-option 2 --tcp-flags SYN SYN
-p 6 --dport 22;-p tcp -m tcp --dport 22
-m tcp --dport 22;FAIL;@commit
-p udp -m tcp --dport 22;FAIL;@commit
! -p tcp -m tcp --dport 22;FAIL;@commit
-6
*filter
:INPUT,FORWARD,OUTPUT
-p tcp -m tcp --dport 22;=
-p tcp -m tcp ! --sport 1:2 --tcp-flags FIN,SYN,RST,ACK SYN;=
-m tcp --dport 22;FAIL;@commit
# packets (sent to the receiving namespace's INPUT)
-4
*filter
:INPUT
-p tcp -m tcp --dport 22;=
>proto=tcp dport=22 flags=SYN;match
>proto=tcp dport=23 flags=SYN;nomatch
>proto=udp dport=22;nomatch
-p tcp -m tcp ! --sport 1000:2000 --dport 80;=
>proto=tcp sport=999 dport=80 flags=ACK;match
>proto=tcp sport=1500 dport=80 flags=ACK;nomatch
>proto=tcp sport=2001 dport=81 flags=ACK;nomatch
-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN;=
>proto=tcp flags=SYN;match
>proto=tcp flags=SYN,ACK;nomatch
>proto=tcp flags=SYN,PSH;match
>proto=tcp flags=ACK;nomatch
-p tcp -m tcp ! --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE;=
>proto=tcp flags=NONE;nomatch
>proto=tcp flags=URG;match
-p tcp -m tcp --tcp-option 2;=
>proto=tcp flags=SYN tcpopt=2;match
>proto=tcp flags=SYN tcpopt=4;nomatch
>proto=tcp flags=SYN tcpopt=1,4,2;match
>proto=tcp flags=SYN;nomatch
-6
*filter
:INPUT
-p tcp -m tcp --sport 40000 --dport 443;=
>proto=tcp sport=40000 dport=443 flags=SYN;match
>proto=tcp sport=40001 dport=443 flags=SYN;nomatch
