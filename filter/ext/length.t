# length match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m length --length 1;=
-m length --length :2;-m length --length 0:2
-m length ! --length 0:1000;=
-m length --length 5:;-m length --length 5:65535
-m length --length 5:1;=
-m length --length 65536;FAIL;length: bad value for option "--length" near "65536", or out of range (0-65535).
-m length;FAIL;length: option "--length" must be specified
-6
*filter
:INPUT
-m length --length 40:100;=
# packets
-4
*filter
:INPUT
-m length --length 28:40;=
>proto=udp;match
>proto=udp len=12;match
>proto=udp len=13;nomatch
-6
*filter
:INPUT
-m length ! --length 48;=
>proto=udp;nomatch
>proto=udp len=1;match
